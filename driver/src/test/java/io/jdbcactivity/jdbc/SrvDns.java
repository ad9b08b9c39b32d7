package io.jdbcactivity.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * A DNS server on 127.0.0.1 that answers every query with the same SRV records, for
 * {@code jdbc:mysql+srv:} URLs: Connector/J looks SRV records up through JNDI's DNS provider, which
 * asks the server named by the system property {@code java.naming.provider.url}
 * ({@link #providerUrl()}). UDP only; the answers are small.
 */
final class SrvDns implements AutoCloseable {
    /** One SRV record: lower priority first; {@code target} a host name or IPv4 literal. */
    record Srv(int priority, int weight, int port, String target) {
    }

    private final DatagramSocket socket;
    private final Srv[] records;
    private final Thread thread;

    SrvDns(Srv... records) throws SocketException {
        this.records = records;
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "srv-dns");
        thread.setDaemon(true);
        thread.start();
    }

    String providerUrl() {
        return "dns://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] in = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(in, in.length);
                socket.receive(query);
                byte[] answer = answer(query.getData(), query.getLength());
                socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // closed, or a query this server does not read: the client retries or gives up
            }
        }
    }

    /** The query's header and question, with every record as an answer. */
    private byte[] answer(byte[] query, int length) {
        int questionEnd = 12;
        while (query[questionEnd] != 0) {
            questionEnd += (query[questionEnd] & 0xff) + 1;
        }
        questionEnd += 1 + 4; // the root label, QTYPE, QCLASS
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query[0]);
        out.write(query[1]); // the query's id
        out.writeBytes(new byte[] {(byte) 0x81, (byte) 0x80, 0, 1, 0, (byte) records.length, 0, 0, 0, 0});
        out.write(query, 12, questionEnd - 12);
        for (Srv r : records) {
            byte[] target = name(r.target());
            ByteBuffer rr = ByteBuffer.allocate(2 + 2 + 2 + 4 + 2 + 6 + target.length);
            rr.putShort((short) 0xC00C).putShort((short) 33).putShort((short) 1).putInt(60)
                    .putShort((short) (6 + target.length))
                    .putShort((short) r.priority()).putShort((short) r.weight()).putShort((short) r.port()).put(target);
            out.writeBytes(rr.array());
        }
        return out.toByteArray();
    }

    private static byte[] name(String dotted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : dotted.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
