package io.glass2glass.edge;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** A viewer request waiting on a {@link Fill}: where it is in the body, and how it will be counted. */
final class Waiter {

    final HttpServerRequest request;
    final HttpServerResponse response;
    final boolean head;
    /** MISS for the request that caused the fetch, COLLAPSED for those that joined it. */
    CacheResult result;
    /** Body bytes to send, inclusive; the whole body unless a range was asked for and could be served. */
    long first;
    long last = Long.MAX_VALUE;
    /** The next chunk to write and the body offset it starts at. */
    int nextChunk;
    long position;
    boolean finished;

    Waiter(HttpServerRequest request, CacheResult result) {
        this.request = request;
        this.response = request.response();
        this.head = request.method().equals(HttpMethod.HEAD);
        this.result = result;
    }
}
