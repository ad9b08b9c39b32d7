-- Benign statements: SQL that ORMs, query builders, migration tools, schedulers and ordinary
-- application code send. Not one of them may raise an SQLI_ risk (InjectionCorpusTest).
-- One statement per line; lines starting with '-- ' are comments.
--
-- Hibernate ORM 7.1.11.Final (MySQLDialect) on MariaDB through the driver: captured from the events
-- of HibernateSqlSignalsTest (schema export and drop, sequences, inserts, HQL and Criteria queries
-- with joins, fetches, subqueries, EXISTS, CASE, LIKE with Hibernate's replace() escape, IN, BETWEEN,
-- GROUP BY/HAVING, paging, table-per-class UNION ALL with null columns, single-table and joined
-- inheritance, empty conjunction 1=1 and disjunction 1<>1, bulk UPDATE/DELETE, versioned updates).
-- The sections after it are written by hand in the style of each tool (say so where they start).
alter table Customer_tags drop foreign key FKk60cij0b8n9wya1e4de92dhem
alter table express_shipment drop foreign key FKcfwns4bh5vgmw5yld4sk5uay1
alter table order_line drop foreign key FK7yrmqn07gn80k15tfs34428x6
alter table order_line drop foreign key FKpf904tci8garypkvm32cqupye
alter table product_category drop foreign key FKphuwf9kdqi9058sgjpss1ex8j
alter table product_category drop foreign key FKs4gr08gtg659h8i8ejjumk4g7
alter table purchase_order drop foreign key FK158vbkwgyf5r6ogk9nkugqv2c
drop table if exists category
drop table if exists category_SEQ
drop table if exists customer
drop table if exists customer_SEQ
drop table if exists Customer_tags
drop table if exists express_shipment
drop table if exists invoice
drop table if exists order_line
drop table if exists order_line_SEQ
drop table if exists payment
drop table if exists payment_SEQ
drop table if exists product
drop table if exists product_category
drop table if exists product_SEQ
drop table if exists purchase_order
drop table if exists purchase_order_SEQ
drop table if exists receipt
drop table if exists shipment
drop table if exists shipment_SEQ
create table category (id bigint not null, name varchar(255), primary key (id)) engine=InnoDB
create table category_SEQ (next_val bigint) engine=InnoDB
insert into category_SEQ ( next_val ) values ( 1 )
create table customer (active bit not null, version integer not null, id bigint not null, city varchar(255), email varchar(255), name varchar(255), street varchar(255), zip varchar(255), primary key (id)) engine=InnoDB
create table customer_SEQ (next_val bigint) engine=InnoDB
insert into customer_SEQ ( next_val ) values ( 1 )
create table Customer_tags (Customer_id bigint not null, tags varchar(255)) engine=InnoDB
create table express_shipment (hours integer not null, id bigint not null, primary key (id)) engine=InnoDB
create table invoice (amount decimal(38,2), id bigint not null, title varchar(255), primary key (id)) engine=InnoDB
create table order_line (quantity integer not null, id bigint not null, order_id bigint, product_id bigint, primary key (id)) engine=InnoDB
create table order_line_SEQ (next_val bigint) engine=InnoDB
insert into order_line_SEQ ( next_val ) values ( 1 )
create table payment (amount decimal(38,2), id bigint not null, DTYPE varchar(31) not null, cardLast4 varchar(255), primary key (id), check ((DTYPE in ('Payment','CARD')))) engine=InnoDB
create table payment_SEQ (next_val bigint) engine=InnoDB
insert into payment_SEQ ( next_val ) values ( 1 )
create table product (price decimal(38,2), stock integer not null, id bigint not null, name varchar(255), sku varchar(255), primary key (id)) engine=InnoDB
create table product_category (Product_id bigint not null, categories_id bigint not null, primary key (Product_id, categories_id)) engine=InnoDB
create table product_SEQ (next_val bigint) engine=InnoDB
insert into product_SEQ ( next_val ) values ( 1 )
create table purchase_order (placed date, total decimal(38,2), customer_id bigint, id bigint not null, status varchar(255), primary key (id)) engine=InnoDB
create table purchase_order_SEQ (next_val bigint) engine=InnoDB
insert into purchase_order_SEQ ( next_val ) values ( 1 )
create table receipt (id bigint not null, method varchar(255), title varchar(255), primary key (id)) engine=InnoDB
create table shipment (id bigint not null, carrier varchar(255), primary key (id)) engine=InnoDB
create table shipment_SEQ (next_val bigint) engine=InnoDB
insert into shipment_SEQ ( next_val ) values ( 1 )
alter table Customer_tags add constraint FKk60cij0b8n9wya1e4de92dhem foreign key (Customer_id) references customer (id)
alter table express_shipment add constraint FKcfwns4bh5vgmw5yld4sk5uay1 foreign key (id) references shipment (id)
alter table order_line add constraint FK7yrmqn07gn80k15tfs34428x6 foreign key (order_id) references purchase_order (id)
alter table order_line add constraint FKpf904tci8garypkvm32cqupye foreign key (product_id) references product (id)
alter table product_category add constraint FKphuwf9kdqi9058sgjpss1ex8j foreign key (categories_id) references category (id)
alter table product_category add constraint FKs4gr08gtg659h8i8ejjumk4g7 foreign key (Product_id) references product (id)
alter table purchase_order add constraint FK158vbkwgyf5r6ogk9nkugqv2c foreign key (customer_id) references customer (id)
select next_val as id_val from category_SEQ for update
update category_SEQ set next_val= ? where next_val=?
select next_val as id_val from customer_SEQ for update
update customer_SEQ set next_val= ? where next_val=?
select next_val as id_val from product_SEQ for update
update product_SEQ set next_val= ? where next_val=?
select next_val as id_val from purchase_order_SEQ for update
update purchase_order_SEQ set next_val= ? where next_val=?
select next_val as id_val from order_line_SEQ for update
update order_line_SEQ set next_val= ? where next_val=?
select next_val as id_val from payment_SEQ for update
update payment_SEQ set next_val= ? where next_val=?
select next_val as id_val from shipment_SEQ for update
update shipment_SEQ set next_val= ? where next_val=?
insert into category (name,id) values (?,?)
insert into customer (active,city,street,zip,email,name,version,id) values (?,?,?,?,?,?,?,?)
insert into product (name,price,sku,stock,id) values (?,?,?,?,?)
insert into purchase_order (customer_id,placed,status,total,id) values (?,?,?,?,?)
insert into order_line (order_id,product_id,quantity,id) values (?,?,?,?)
insert into payment (amount,cardLast4,DTYPE,id) values (?,?,'CARD',?)
insert into shipment (carrier,id) values (?,?)
insert into express_shipment (hours,id) values (?,?)
insert into invoice (title,amount,id) values (?,?,?)
insert into receipt (title,method,id) values (?,?,?)
insert into Customer_tags (Customer_id,tags) values (?,?)
insert into product_category (Product_id,categories_id) values (?,?)
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.name=? limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.name like replace(?,'\\','\\\\') order by c1_0.name limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where lower(c1_0.email) like replace(lower(?),'\\','\\\\') limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.active=true and c1_0.city=? limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.id in (?,?) limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.name is null or c1_0.email is not null limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 join purchase_order o1_0 on c1_0.id=o1_0.customer_id where o1_0.total>? limit ?
select distinct c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,o1_0.customer_id,o1_0.id,o1_0.placed,o1_0.status,o1_0.total,c1_0.version from customer c1_0 left join purchase_order o1_0 on c1_0.id=o1_0.customer_id
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,t1_0.Customer_id,t1_0.tags,c1_0.version from customer c1_0 left join Customer_tags t1_0 on c1_0.id=t1_0.Customer_id where c1_0.id=?
select c1_0.name,count(o1_0.id) from customer c1_0 left join purchase_order o1_0 on c1_0.id=o1_0.customer_id group by c1_0.name having count(o1_0.id)>? limit ?
select po1_0.id,c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version,po1_0.placed,po1_0.status,po1_0.total from purchase_order po1_0 join customer c1_0 on c1_0.id=po1_0.customer_id where po1_0.status in ('NEW','PAID') limit ?
select po1_0.id,po1_0.customer_id,po1_0.placed,po1_0.status,po1_0.total from purchase_order po1_0 where po1_0.placed between ? and ? limit ?
select po1_0.id,po1_0.customer_id,po1_0.placed,po1_0.status,po1_0.total from purchase_order po1_0 where po1_0.total=(select max(po2_0.total) from purchase_order po2_0) limit ?
select po1_0.id,po1_0.customer_id,po1_0.placed,po1_0.status,po1_0.total from purchase_order po1_0 where exists(select 1 from order_line ol1_0 where ol1_0.order_id=po1_0.id and ol1_0.quantity>?) limit ?
select po1_0.id,po1_0.customer_id,po1_0.placed,po1_0.status,po1_0.total from purchase_order po1_0 where not exists(select ol1_0.id from order_line ol1_0 where ol1_0.order_id=po1_0.id) limit ?
select case when po1_0.total>100 then 'big' else 'small' end from purchase_order po1_0 limit ?
select po1_0.status,sum(po1_0.total),avg(po1_0.total) from purchase_order po1_0 group by po1_0.status order by 2 desc limit ?
select p1_0.id,p1_0.name,p1_0.price,p1_0.sku,p1_0.stock from product p1_0 join product_category c1_0 on p1_0.id=c1_0.Product_id join category c1_1 on c1_1.id=c1_0.categories_id where c1_1.name=? limit ?
select p1_0.id,p1_0.name,p1_0.price,p1_0.sku,p1_0.stock from product p1_0 where p1_0.stock=0 or p1_0.price<? limit ?
select p1_0.id,p1_0.name,p1_0.price,p1_0.sku,p1_0.stock from product p1_0 where p1_0.sku not in (select p2_0.sku from product p2_0 where p2_0.stock>10) limit ?
select p1_0.name from product p1_0 where p1_0.name like 'prod%' escape '!' limit ?
select coalesce(p1_0.price,0),concat(p1_0.sku,'-',p1_0.name) from product p1_0 limit ?
select ol1_0.id,o1_0.id,c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version,o1_0.placed,o1_0.status,o1_0.total,p1_0.id,p1_0.name,p1_0.price,p1_0.sku,p1_0.stock,ol1_0.quantity from order_line ol1_0 join product p1_0 on p1_0.id=ol1_0.product_id join purchase_order o1_0 on o1_0.id=ol1_0.order_id join customer c1_0 on c1_0.id=o1_0.customer_id limit ?
select count(*) from order_line ol1_0 where ol1_0.quantity>=1 limit ?
select p1_0.id,p1_0.DTYPE,p1_0.amount,p1_0.cardLast4 from payment p1_0 limit ?
select cp1_0.id,cp1_0.amount,cp1_0.cardLast4 from payment cp1_0 where cp1_0.cardLast4=? and cp1_0.DTYPE='CARD' limit ?
select s1_0.id,case when s1_1.id is not null then 1 when s1_0.id is not null then 0 end,s1_0.carrier,s1_1.hours from shipment s1_0 left join express_shipment s1_1 on s1_0.id=s1_1.id limit ?
select es1_0.id,es1_1.carrier,es1_0.hours from express_shipment es1_0 join shipment es1_1 on es1_0.id=es1_1.id where es1_0.hours<? limit ?
select d1_0.id,d1_0.clazz_,d1_0.title,d1_0.amount,d1_0.method from (select amount, id, title, null as method, 1 as clazz_ from invoice union all select null as amount, id, title, method, 2 as clazz_ from receipt) d1_0 limit ?
select d1_0.id,d1_0.clazz_,d1_0.title,d1_0.amount,d1_0.method from (select amount, id, title, null as method, 1 as clazz_ from invoice union all select null as amount, id, title, method, 2 as clazz_ from receipt) d1_0 where d1_0.title=? limit ?
select i1_0.id,i1_0.title,i1_0.amount from invoice i1_0 where i1_0.amount>? limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.email='O''Brien@example.com' limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where (select count(*) from purchase_order o1_0 where c1_0.id=o1_0.customer_id)>1 limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where ? in (select t1_0.tags from Customer_tags t1_0 where c1_0.id=t1_0.Customer_id) limit ?
select year(po1_0.placed),month(po1_0.placed),count(po1_0.id) from purchase_order po1_0 group by year(po1_0.placed),month(po1_0.placed) limit ?
select po1_0.id,po1_0.customer_id,po1_0.placed,po1_0.status,po1_0.total from purchase_order po1_0 order by po1_0.placed desc limit ?
select c1_0.name from customer c1_0 union select p1_0.name from product p1_0 limit ?
select po1_0.id,po1_0.customer_id,po1_0.placed,po1_0.status,po1_0.total from purchase_order po1_0 where po1_0.customer_id=? and po1_0.status<>'CANCELLED' limit ?
select substring(c1_0.name,1,3),character_length(c1_0.email),upper(c1_0.name) from customer c1_0 limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.version=0 and c1_0.active=false limit ?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 order by c1_0.id limit ?,?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where 1=1
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where 1<>1
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.name=? or 1<>1
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where 1=1 and c1_0.email like replace(?,'\\','\\\\')
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.active and c1_0.city=? and c1_0.version>? order by c1_0.name
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where 1=0 order by c1_0.name
select count(po1_0.id) from purchase_order po1_0 where po1_0.total between ? and ?
update product p1_0 set stock=(p1_0.stock+1) where p1_0.sku=?
update customer c1_0 set active=false where c1_0.email like '%@old.example'
delete ol1_0 from order_line ol1_0 where ol1_0.quantity=0
delete to_delete_ from invoice to_delete_ where to_delete_.id in (select d1_0.id from (select amount, id, title, null as method, 1 as clazz_ from invoice union all select null as amount, id, title, method, 2 as clazz_ from receipt) d1_0 where d1_0.title='none')
delete to_delete_ from receipt to_delete_ where to_delete_.id in (select d1_0.id from (select amount, id, title, null as method, 1 as clazz_ from invoice union all select null as amount, id, title, method, 2 as clazz_ from receipt) d1_0 where d1_0.title='none')
select count(*) from customer where active = 1
update customer set active=?,city=?,street=?,zip=?,email=?,name=?,version=? where id=? and version=?
select c1_0.id,c1_0.active,c1_0.city,c1_0.street,c1_0.zip,c1_0.email,c1_0.name,c1_0.version from customer c1_0 where c1_0.id=?
select po1_0.id,po1_0.customer_id,po1_0.placed,po1_0.status,po1_0.total from purchase_order po1_0
select l1_0.order_id,l1_0.id,p1_0.id,p1_0.name,p1_0.price,p1_0.sku,p1_0.stock,l1_0.quantity from order_line l1_0 left join product p1_0 on p1_0.id=l1_0.product_id where l1_0.order_id=?
delete from order_line where id=?

-- jOOQ 3.19 (MySQL dialect) rendering, written after jOOQ's manual examples: backquoted names, bind
-- values, inlined literals (DSL.inline), trueCondition() as 1 = 1, falseCondition() as 1 = 0.
select `book`.`id`, `book`.`title` from `book` where `book`.`author_id` = ? order by `book`.`title` asc
select `a`.`first_name`, `a`.`last_name`, count(*) from `author` as `a` join `book` as `b` on `b`.`author_id` = `a`.`id` group by `a`.`id`, `a`.`first_name`, `a`.`last_name` having count(*) > ? order by count(*) desc
select `book`.`id`, `book`.`title` from `book` where (1 = 1 and `book`.`published_in` > ?)
select `book`.`id` from `book` where 1 = 0
select `book`.`id`, `book`.`title` from `book` where (`book`.`title` like ? escape '!' or `book`.`title` like ? escape '!')
select `book`.`id` from `book` where `book`.`status` = 'PUBLISHED' and `book`.`language_id` in (?, ?, ?)
insert into `author` (`first_name`, `last_name`) values (?, ?)
insert into `book_store` (`name`) values (?) on duplicate key update `book_store`.`name` = ?
update `book` set `book`.`title` = ?, `book`.`updated_at` = current_timestamp() where `book`.`id` = ?
delete from `book_to_book_store` where (`book_to_book_store`.`book_id` = ? and `book_to_book_store`.`name` = ?)
select `t`.`id`, `t`.`amount`, sum(`t`.`amount`) over (partition by `t`.`account_id` order by `t`.`booked_at` rows between unbounded preceding and current row) as `running` from `transaction` as `t` where `t`.`account_id` = ?
with `recent` as (select `order`.`id`, `order`.`customer_id` from `order` where `order`.`created_at` > ?) select `recent`.`customer_id`, count(*) from `recent` group by `recent`.`customer_id`
select exists (select 1 as `one` from `user` where `user`.`email` = ?)
select `p`.`id`, case when `p`.`stock` = 0 then 'OUT' when `p`.`stock` < 10 then 'LOW' else 'OK' end as `level` from `product` as `p`
select `book`.`id` from `book` where `book`.`id` in (select `book_to_book_store`.`book_id` from `book_to_book_store` where `book_to_book_store`.`stock` > 0) limit ? offset ?
select `user`.`id` from `user` where `user`.`login` = 'O''Reilly'
select coalesce(max(`invoice`.`number`), 0) + 1 from `invoice` where `invoice`.`year` = ?
select `book`.`id`, `book`.`title` from `book` union all select `article`.`id`, `article`.`headline` from `article` order by 2 limit ?
select `event`.`id` from `event` where `event`.`payload` ->> '$.type' = ? and json_contains(`event`.`tags`, ?)
select `b`.`id` from `book` as `b` where (`b`.`title` = ? or `b`.`isbn` = ?) and 1 = 1
select `b`.`id` from `book` as `b` where not (`b`.`deleted`) for update skip locked
select `u`.`id` from `user` as `u` where `u`.`name` = ? or 1 = 0
select cast(? as char) as `x`, `u`.`id` from `user` as `u`

-- MyBatis 3 dynamic SQL (<if> blocks appended to WHERE 1=1), as mapper XMLs in public projects write it.
SELECT id, name, email, status FROM user WHERE 1=1 AND name LIKE CONCAT('%', ?, '%')
SELECT id, name, email, status FROM user WHERE 1=1 AND status = ? AND created_at >= ? ORDER BY id DESC LIMIT ?, ?
SELECT COUNT(*) FROM user WHERE 1=1 AND dept_id = ?
SELECT * FROM sys_user WHERE 1=1 AND del_flag = '0' AND user_name LIKE CONCAT('%', ?, '%') AND status = ?
SELECT * FROM sys_role r WHERE 1=1 AND r.del_flag = '0' AND r.role_key = ? ORDER BY r.role_sort
SELECT o.id, o.order_no, o.amount FROM t_order o WHERE 1=1 AND o.user_id = ? AND o.pay_status IN (?, ?) AND o.create_time BETWEEN ? AND ?
SELECT * FROM article WHERE 1 = 1 AND category_id = ? AND title LIKE ? ORDER BY publish_time DESC
SELECT * FROM sys_dict_data WHERE 1=1 AND dict_type = ? AND status = '0' ORDER BY dict_sort ASC
SELECT * FROM product WHERE 1=1
SELECT * FROM product WHERE 1=1 ORDER BY id
UPDATE user SET name = ?, email = ?, update_time = NOW() WHERE id = ?
UPDATE sys_user SET del_flag = '2' WHERE user_id IN (?, ?, ?)
INSERT INTO sys_oper_log (title, business_type, method, oper_name, oper_url, status, oper_time) VALUES (?, ?, ?, ?, ?, ?, sysdate())
INSERT INTO user (name, email, status) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)
DELETE FROM user_role WHERE user_id = ?
SELECT id, name FROM user WHERE ( name = ? and age > ? ) or( status = ? )
SELECT id, name FROM user WHERE ( email is not null and status in ( ? , ? ) )
select distinct id, name, price from item WHERE ( price between ? and ? ) order by price desc
SELECT u.*, d.dept_name FROM sys_user u LEFT JOIN sys_dept d ON u.dept_id = d.dept_id WHERE 1=1 AND u.del_flag = '0' AND (u.dept_id = ? OR u.dept_id IN (SELECT t.dept_id FROM sys_dept t WHERE find_in_set(?, ancestors)))
SELECT * FROM sys_menu WHERE 1=1 AND menu_type IN ('M', 'C') AND status = 0 ORDER BY parent_id, order_num
SELECT * FROM orders WHERE 1=1 AND (customer_name LIKE ? OR order_no LIKE ?) LIMIT 10
SELECT IFNULL(SUM(amount), 0) FROM payment WHERE 1=1 AND merchant_id = ? AND DATE(create_time) = CURDATE()
SELECT * FROM t_config WHERE 1=1 AND config_key = ? LIMIT 1

-- Spring Data JPA derived and @Query methods on Hibernate (MySQL dialect), written in Hibernate 6/7's
-- rendering style (aliases x1_0) for repository methods: findByLastnameAndFirstname,
-- findByAgeGreaterThanEqualOrderByLastnameDesc, existsByEmail, countByStatus, deleteByCreatedBefore, paging.
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where u1_0.lastname=? and u1_0.firstname=?
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where u1_0.age>=? order by u1_0.lastname desc
select u1_0.id from users u1_0 where u1_0.email=? limit ?
select count(u1_0.id) from users u1_0 where u1_0.status=?
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where u1_0.created<?
delete from users where id=?
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where upper(u1_0.lastname) like upper(?) escape '\\' order by u1_0.id limit ?,?
select count(u1_0.id) from users u1_0 where upper(u1_0.lastname) like upper(?) escape '\\'
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where u1_0.firstname in (?,?,?)
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where u1_0.active and u1_0.age between ? and ?
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where u1_0.email is null
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where not(u1_0.active)
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 where u1_0.lastname like ? escape '\\' order by u1_0.firstname
select u1_0.id,u1_0.age,u1_0.email,u1_0.firstname,u1_0.lastname from users u1_0 order by u1_0.lastname limit ?,?
select distinct u1_0.lastname from users u1_0 where u1_0.age<?
select u1_0.id,r1_0.user_id,r1_1.id,r1_1.name from users u1_0 left join user_roles r1_0 on u1_0.id=r1_0.user_id left join roles r1_1 on r1_1.id=r1_0.roles_id where u1_0.id=?
update users u1_0 set active=? where u1_0.last_login<?
select u1_0.id from users u1_0 where u1_0.tenant_id=? and (u1_0.firstname like ? escape '' or u1_0.lastname like ? escape '')

-- Spring JdbcTemplate, Spring Batch and Spring Session (their own SQL, MySQL schema scripts).
SELECT JOB_INSTANCE_ID, JOB_NAME FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ? AND JOB_KEY = ?
SELECT E.JOB_EXECUTION_ID, E.START_TIME, E.END_TIME, E.STATUS, E.EXIT_CODE, E.EXIT_MESSAGE, E.CREATE_TIME, E.LAST_UPDATED, E.VERSION FROM BATCH_JOB_EXECUTION E WHERE JOB_INSTANCE_ID = ? ORDER BY JOB_EXECUTION_ID DESC
UPDATE BATCH_JOB_EXECUTION SET START_TIME = ?, END_TIME = ?, STATUS = ?, EXIT_CODE = ?, EXIT_MESSAGE = ?, VERSION = VERSION + 1, CREATE_TIME = ?, LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ? AND VERSION = ?
UPDATE BATCH_JOB_SEQ SET ID = LAST_INSERT_ID(ID + 1)
SELECT LAST_INSERT_ID()
SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?
INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) VALUES (?, ?, ?, ?, ?, ?, ?)
DELETE FROM SPRING_SESSION WHERE EXPIRY_TIME < ?
SELECT S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL, SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES FROM SPRING_SESSION S LEFT JOIN SPRING_SESSION_ATTRIBUTES SA ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID WHERE S.SESSION_ID = ?
SELECT name, value FROM app_setting WHERE name IN (?, ?) AND scope = 'GLOBAL'
SELECT COUNT(*) FROM account WHERE username = ? AND enabled = 1
SELECT username, password, enabled FROM users WHERE username = ?
SELECT username, authority FROM authorities WHERE username = ?
SELECT 1
/* ping */ SELECT 1
SELECT 1 FROM DUAL
SELECT @@character_set_database, @@sql_mode
SELECT @@session.transaction_isolation
SELECT @@session.transaction_read_only
SET NAMES utf8mb4
SET autocommit=0
SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED
SET sql_mode='STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'
SHOW WARNINGS
SHOW FULL TABLES FROM `shop` LIKE 'orders'
SELECT GET_LOCK('flyway-lock', 10)
SELECT RELEASE_LOCK('flyway-lock')
SELECT SLEEP(1)
DO SLEEP(0.5)

-- Quartz Scheduler's StdJDBCConstants (MySQL tables QRTZ_*), as its JDBC job store sends them.
SELECT * FROM QRTZ_TRIGGERS WHERE SCHED_NAME = 'scheduler' AND TRIGGER_NAME = ? AND TRIGGER_GROUP = ?
SELECT TRIGGER_NAME, TRIGGER_GROUP, NEXT_FIRE_TIME, PRIORITY FROM QRTZ_TRIGGERS WHERE SCHED_NAME = 'scheduler' AND TRIGGER_STATE = ? AND NEXT_FIRE_TIME <= ? AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR != -1 AND NEXT_FIRE_TIME >= ?)) ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC
UPDATE QRTZ_TRIGGERS SET TRIGGER_STATE = ? WHERE SCHED_NAME = 'scheduler' AND TRIGGER_NAME = ? AND TRIGGER_GROUP = ? AND TRIGGER_STATE = ?
SELECT * FROM QRTZ_LOCKS WHERE SCHED_NAME = 'scheduler' AND LOCK_NAME = ? FOR UPDATE
INSERT INTO QRTZ_FIRED_TRIGGERS (SCHED_NAME, ENTRY_ID, TRIGGER_NAME, TRIGGER_GROUP, INSTANCE_NAME, FIRED_TIME, SCHED_TIME, STATE, JOB_NAME, JOB_GROUP, IS_NONCONCURRENT, REQUESTS_RECOVERY, PRIORITY) VALUES ('scheduler', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
DELETE FROM QRTZ_FIRED_TRIGGERS WHERE SCHED_NAME = 'scheduler' AND ENTRY_ID = ?
SELECT COUNT(TRIGGER_NAME) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = 'scheduler' AND MISFIRE_INSTR <> -1 AND NEXT_FIRE_TIME < ? AND TRIGGER_STATE = ?

-- Flyway: its schema history table and migration scripts in the style of public projects (DDL with
-- DEFAULT and COMMENT literals, seed data, leading comments, mysqldump-style executable comments).
SELECT `installed_rank`,`version`,`description`,`type`,`script`,`checksum`,`installed_on`,`installed_by`,`execution_time`,`success` FROM `shop`.`flyway_schema_history` WHERE `installed_rank` > ? ORDER BY `installed_rank`
INSERT INTO `shop`.`flyway_schema_history` (`installed_rank`, `version`, `description`, `type`, `script`, `checksum`, `installed_by`, `execution_time`, `success`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = DATABASE() UNION ALL SELECT routine_name, routine_type FROM information_schema.routines WHERE routine_schema = DATABASE()
SELECT SUBSTRING_INDEX(USER(), '@', 1)
SELECT DATABASE()
SELECT VERSION()
CREATE TABLE `flyway_schema_history` (`installed_rank` INT NOT NULL, `version` VARCHAR(50), `description` VARCHAR(200) NOT NULL, `type` VARCHAR(20) NOT NULL, `script` VARCHAR(1000) NOT NULL, `checksum` INT, `installed_by` VARCHAR(100) NOT NULL, `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, `execution_time` INT NOT NULL, `success` BOOL NOT NULL, CONSTRAINT `flyway_schema_history_pk` PRIMARY KEY (`installed_rank`)) ENGINE=InnoDB
CREATE INDEX `flyway_schema_history_s_idx` ON `flyway_schema_history` (`success`)
-- V1__init.sql
CREATE TABLE customer (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, name VARCHAR(100) NOT NULL DEFAULT '', status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE' COMMENT 'ACTIVE, LOCKED or CLOSED', created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='customers'
CREATE TABLE product (id BIGINT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(32) NOT NULL, price DECIMAL(10,2) NOT NULL DEFAULT 0.00, stock INT NOT NULL DEFAULT 0, CONSTRAINT chk_stock CHECK (stock >= 0)) ENGINE=InnoDB
CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer_id BIGINT NOT NULL, total DECIMAL(12,2) NOT NULL, status ENUM('NEW','PAID','SHIPPED','CANCELLED') NOT NULL DEFAULT 'NEW', CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE) ENGINE=InnoDB
CREATE TABLE order_item (order_id BIGINT NOT NULL, product_id BIGINT NOT NULL, quantity INT NOT NULL DEFAULT 1, PRIMARY KEY (order_id, product_id))
-- V2__seed.sql
INSERT INTO product (sku, price, stock) VALUES ('BOOK-001', 12.50, 100), ('BOOK-002', 9.99, 0), ('MUG-001', 7.00, 25)
INSERT INTO customer (email, name) VALUES ('ada@example.com', 'Ada Lovelace'), ('o.brien@example.com', 'Miles O''Brien')
INSERT INTO app_setting (name, value) VALUES ('greeting', 'It''s a -- fine day'), ('footer', '/* not a comment */')
INSERT INTO role (name, description) VALUES ('ADMIN', 'may do anything; even drop things'), ('USER', 'OR 1=1 is a string here')
-- V3__add_columns.sql
ALTER TABLE customer ADD COLUMN phone VARCHAR(32) NULL AFTER email
ALTER TABLE customer ADD COLUMN marketing_opt_in TINYINT(1) NOT NULL DEFAULT 0
ALTER TABLE orders ADD INDEX idx_orders_status_created (status, id)
ALTER TABLE product MODIFY price DECIMAL(12,2) NOT NULL DEFAULT '0.00'
ALTER TABLE customer CHANGE COLUMN name full_name VARCHAR(200) NOT NULL DEFAULT ''
ALTER TABLE orders DROP FOREIGN KEY fk_orders_customer
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
ALTER TABLE customer RENAME INDEX email TO uk_customer_email
-- V4__backfill.sql
UPDATE customer SET status = 'ACTIVE' WHERE status = '' OR status IS NULL
UPDATE product SET stock = 0 WHERE stock < 0
UPDATE orders o JOIN customer c ON c.id = o.customer_id SET o.status = 'CANCELLED' WHERE c.status = 'CLOSED' AND o.status = 'NEW'
DELETE FROM app_setting WHERE name = 'legacy.flag'
INSERT INTO audit_log (entity, entity_id, action, detail) SELECT 'customer', id, 'MIGRATED', CONCAT('email=', email) FROM customer WHERE created_at < '2024-01-01'
CREATE VIEW v_order_totals AS SELECT customer_id, COUNT(*) AS orders, SUM(total) AS spent FROM orders WHERE status <> 'CANCELLED' GROUP BY customer_id
CREATE OR REPLACE VIEW v_active_customer AS SELECT id, email FROM customer WHERE status = 'ACTIVE'
DROP VIEW IF EXISTS v_old_report
CREATE TABLE IF NOT EXISTS shedlock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP(3) NOT NULL, locked_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))
CREATE TABLE uuid_entity (id BINARY(16) NOT NULL PRIMARY KEY, label VARCHAR(64))
INSERT INTO uuid_entity (id, label) VALUES (UNHEX(REPLACE('3f06af63-a93c-11e4-9797-00505690773f', '-', '')), 'first')
SELECT label FROM uuid_entity WHERE id = UNHEX(REPLACE(?, '-', ''))
SELECT label FROM uuid_entity WHERE id = 0x3F06AF63A93C11E4979700505690773F
SELECT HEX(id), label FROM uuid_entity ORDER BY label
SELECT id FROM flags WHERE mask & 0x0F = 0x0F
UPDATE flags SET mask = mask | 0x10 WHERE id = ?
SELECT CHAR(65, 66, 67) AS letters, CONCAT('a', CHAR(10), 'b') AS lines
-- a migration using a trailing comment of its own
ALTER TABLE orders ADD COLUMN note TEXT NULL -- free text entered by staff
UPDATE product SET price = price * 1.1 WHERE sku LIKE 'BOOK-%' -- price rise 2025
CREATE TABLE t_sample (id INT PRIMARY KEY) /* created by migration 5 */

-- mysqldump output (executable comments, lock/unlock), as Flyway or a restore replays it.
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */
/*!40101 SET NAMES utf8mb4 */
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */
/*!40101 SET character_set_client = utf8 */
LOCK TABLES `customer` WRITE
/*!40000 ALTER TABLE `customer` DISABLE KEYS */
INSERT INTO `customer` VALUES (1,'ada@example.com','Ada','ACTIVE','2025-01-02 10:00:00.000000'),(2,'bob@example.com','Bob','LOCKED','2025-01-03 11:30:00.000000')
/*!40000 ALTER TABLE `customer` ENABLE KEYS */
UNLOCK TABLES
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */

-- Liquibase's own SQL (DATABASECHANGELOG, DATABASECHANGELOGLOCK) on MySQL.
SELECT COUNT(*) FROM shop.DATABASECHANGELOGLOCK
SELECT `LOCKED` FROM shop.DATABASECHANGELOGLOCK WHERE ID=1
UPDATE shop.DATABASECHANGELOGLOCK SET `LOCKED` = 1, LOCKEDBY = 'host (10.0.0.5)', LOCKGRANTED = NOW() WHERE ID = 1 AND `LOCKED` = 0
UPDATE shop.DATABASECHANGELOGLOCK SET `LOCKED` = 0, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1
SELECT MD5SUM FROM shop.DATABASECHANGELOG WHERE MD5SUM IS NOT NULL
INSERT INTO shop.DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, `DESCRIPTION`, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('1', 'dev', 'db/changelog.xml', NOW(), 1, '9:0c4e2f3e', 'createTable tableName=person', '', 'EXECUTED', NULL, NULL, '4.29.2', '7331093114')

-- Hand-written application SQL with bind parameters (DAO layers), including search forms that
-- combine optional filters with OR col = ? / ? IS NULL.
SELECT id, name FROM product WHERE (? IS NULL OR category_id = ?) AND (? IS NULL OR price <= ?)
SELECT id, name FROM product WHERE name LIKE ? OR sku = ? OR barcode = ?
SELECT * FROM users WHERE email = ? OR username = ?
SELECT * FROM orders WHERE customer_id = ? AND (status = 'NEW' OR status = 'PAID')
SELECT * FROM ticket WHERE assignee_id = ? OR (assignee_id IS NULL AND team_id = ?)
SELECT c.id, c.name, COUNT(o.id) AS orders FROM customer c LEFT JOIN orders o ON o.customer_id = c.id AND o.status <> 'CANCELLED' GROUP BY c.id, c.name HAVING COUNT(o.id) > 0
SELECT id FROM event WHERE created_at >= NOW() - INTERVAL 1 DAY AND (level = 'ERROR' OR level = 'FATAL')
SELECT id FROM invoice WHERE due_date < CURDATE() AND paid = 0 ORDER BY due_date LIMIT 100
SELECT id, title FROM article WHERE MATCH(title, body) AGAINST (? IN BOOLEAN MODE)
SELECT id FROM job WHERE status = 'PENDING' AND run_at <= NOW() ORDER BY run_at LIMIT 10 FOR UPDATE SKIP LOCKED
INSERT INTO page_view (path, viewed_at) VALUES (?, NOW()) ON DUPLICATE KEY UPDATE hits = hits + 1
REPLACE INTO cache_entry (cache_key, payload, expires_at) VALUES (?, ?, ?)
SELECT t.id, t.name FROM tag t WHERE t.name IN ('java', 'sql', 'mysql') ORDER BY FIELD(t.name, 'java', 'sql', 'mysql')
SELECT IF(stock > 0, 'in stock', 'sold out') AS availability FROM product WHERE id = ?
SELECT id FROM employee WHERE salary > (SELECT AVG(salary) FROM employee WHERE dept_id = ?) OR manager_id = ?
SELECT DATE_FORMAT(created_at, '%Y-%m') AS month, COUNT(*) FROM orders GROUP BY month ORDER BY month DESC
SELECT id FROM users WHERE name = 'it''s -- fine' AND note = '/* not a comment */'
SELECT id FROM users WHERE bio LIKE '%OR 1=1%'
SELECT id FROM users WHERE status = 'ACTIVE' AND 1 = 1
SELECT id FROM users WHERE deleted = 0 OR deleted IS NULL
SELECT a.id FROM account a WHERE a.balance > 0 XOR a.overdraft = 1
SELECT id FROM shipment WHERE carrier = ? AND (eta IS NULL OR eta > NOW()) /* dashboard */
CALL refresh_stats(?)
{call close_month(?, ?)}
{? = call next_invoice_number(?)}
START TRANSACTION
COMMIT
ROLLBACK
SAVEPOINT sp1
RELEASE SAVEPOINT sp1
SELECT * FROM customers INTO @c
-- False alarms a precision review confirmed by probes (each fixed; InjectionTest.probedFalseAlarmsAreLeftAlone).
-- sqlcommenter (google/sqlcommenter spec): a W3C traceparent block comment appended to a multi-statement text
UPDATE a SET x = 1 WHERE id = 7; UPDATE b SET y = 2 WHERE id = 8 /*traceparent='00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'*/
-- a hand-written reset script: disable foreign key checks, then truncate
SET FOREIGN_KEY_CHECKS=0; TRUNCATE TABLE orders
-- mysqldump's table preamble (executable comment, then DROP TABLE IF EXISTS)
/*!40014 SET FOREIGN_KEY_CHECKS=0 */; DROP TABLE IF EXISTS t
-- MySQL reference manual style JSON and XML predicates (JSON_KEYS in JSON_CONTAINS, ExtractValue compared with a parameter)
SELECT id FROM docs WHERE JSON_CONTAINS(JSON_KEYS(attrs), '"color"')
SELECT id FROM docs WHERE ExtractValue(body, '/doc/title') = ?
-- row-level filters in a UNION branch's WHERE (identity functions outside the select list)
SELECT a FROM t1 UNION ALL SELECT b FROM t2 WHERE owner = CURRENT_USER()
SELECT x FROM t1 UNION SELECT y FROM t2 WHERE schema_name = DATABASE()
-- an application table aliased sys in a subquery
SELECT id FROM accounts WHERE id IN (SELECT sys.id FROM systems sys WHERE sys.active = 1)
