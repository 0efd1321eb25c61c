package io.github.modelrouter.web;

import io.github.modelrouter.stream.AnthropicError;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Breaks the client connection of a committed answer that cannot be finished (a non-streamed body
 * whose upstream failed half way), portably: the exchange {@code AsyncContext.dispatch}es here and
 * this servlet throws. Servlet containers answer an exception after commit by aborting the
 * connection instead of ending the body: Jetty aborts the response; Tomcat includes the error page
 * (which writes nothing once committed, see {@link ErrorPageServlet}) and then closes at once
 * ({@code CLOSE_NOW}). Either way the client sees the connection end before the chunked encoding's
 * last chunk (or before its content-length), never a well-framed but cut-short body. The Servlet
 * API has no abort of its own, and completing normally would end the chunked body cleanly.
 *
 * <p>Jetty's abort ends the async cycle without {@code AsyncListener.onComplete}, so the exchange
 * finishes itself and returns its permit before dispatching here
 * ({@link ClientResponseWriter.Events#aborting}).
 *
 * <p>Reached directly (not by an async dispatch) it is an ordinary 404, like any other path.
 */
final class AbortServlet extends HttpServlet {

    static final String PATH = "/_router/abort";

    @Override
    protected void service(HttpServletRequest clientRequest, HttpServletResponse clientResponse)
            throws IOException, ServletException {
        if (clientRequest.getDispatcherType() != DispatcherType.ASYNC) {
            ErrorResponses.sendBeforeBody(clientRequest, clientResponse, AnthropicError.Type.NOT_FOUND.error(
                    clientRequest.getMethod() + " " + clientRequest.getRequestURI() + " is not an endpoint of Model Router"));
            return;
        }
        throw new AnswerBrokeOff();
    }

    /** Thrown to make the container abort; the cause is already logged by the exchange. */
    static final class AnswerBrokeOff extends ServletException {
        AnswerBrokeOff() {
            super("the answer broke off after its first bytes reached the client: the connection is aborted");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // an expected control path: no stack trace in the container's log
        }
    }
}
