INSERT INTO category (name) VALUES ('fiction'), ('history');
ALTER TABLE book ADD COLUMN stock INT NOT NULL DEFAULT 0;
