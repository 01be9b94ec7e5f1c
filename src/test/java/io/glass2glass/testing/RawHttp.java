package io.glass2glass.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 over a plain socket, for requests no well-behaved client would send. */
public final class RawHttp {

    /** Bytes that are no HTTP/1.1 request, for the origin's and the edges' hostile-input tests (a 400 each). */
    public static List<String> malformedRequests() {
        return List.of(
                "NONSENSE\r\n\r\n",
                "GET /live/demo/\u0001/master.m3u8 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /time HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                "GET /time HTTP/1.1\r\nHost x\r\n\r\n",
                // the start of a TLS ClientHello
                "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u00fc\u0003\u0003\r\n\r\n");
    }

    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * What the server answered on one new connection, after which the connection was closed.
     *
     * @param request the bytes to send, request lines and all
     * @param bodiless true when the responses carry no body whatever their Content-Length (HEAD)
     * @return the responses read before the server closed the connection; a reset ends the list
     */
    public static List<Response> exchange(int port, String request, boolean bodiless) throws IOException {
        List<Response> responses = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                Response response;
                while ((response = read(in, bodiless)) != null) {
                    responses.add(response);
                }
            } catch (SocketException reset) {
                // The server may reset a connection it refused before reading all of the request.
            }
        }
        return responses;
    }

    /** One GET on a new connection that asks to be closed afterwards. */
    public static Response get(int port, String target) throws IOException {
        List<Response> responses = exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n\r\n", false);
        if (responses.size() != 1) {
            throw new IOException("expected one response to GET " + target + ", got " + responses.size());
        }
        return responses.get(0);
    }

    private static Response read(InputStream in, boolean bodiless) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while ((header = line(in)) != null && !header.isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        if (bodiless || status == 204 || status == 304) {
            return new Response(status, headers, new byte[0]);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new Response(status, headers, chunked(in));
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Response(status, headers, in.readNBytes(length));
    }

    /** The body of a chunked message (RFC 9112 §7.1), trailers skipped. */
    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (length == 0) {
                skipTrailers(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    /** Reads the trailer section up to its empty line; no test needs its fields. */
    private static void skipTrailers(InputStream in) throws IOException {
        String trailer = line(in);
        while (trailer != null && !trailer.isEmpty()) {
            trailer = line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private RawHttp() {
    }
}
