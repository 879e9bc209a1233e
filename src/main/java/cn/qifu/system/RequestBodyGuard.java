package cn.qifu.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body under {@code /api} is read here first, whole, before anything else sees it:
 * <ul>
 *   <li>no larger than {@code qifu.api.max-body-size} (413): a declared length beyond it is refused before a byte is
 *       read, a body without one (chunked) is read no further than the limit. The longest legitimate body, a problem
 *       with a 4,000-character description, is about 15 KB;</li>
 *   <li>text in UTF-8 only (415 for another declared charset: JSON is UTF-8) and valid UTF-8 (400): the JSON parser
 *       would otherwise store some broken byte sequences as characters that exist nowhere.</li>
 * </ul>
 */
class RequestBodyGuard extends OncePerRequestFilter {

    private final long maxBytes;
    private final ObjectMapper json;

    RequestBodyGuard(long maxBytes, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        // the charset as the client declared it: Spring Boot's CharacterEncodingFilter may already have forced the
        // request's encoding to UTF-8, while the JSON reader still decodes by the header's charset
        String declared = declaredCharset(request.getHeader("Content-Type"));
        if (isText(request) && (!isUtf8(declared) || !isUtf8(request.getCharacterEncoding()))) {
            // JSON is UTF-8 (RFC 8259); a body declared in another charset would be stored as other characters
            refuse(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, new ApiError("UNSUPPORTED_CHARSET", "请求内容只接受 UTF-8 编码",
                    List.of(new ApiError.FieldProblem("Content-Type", "UNSUPPORTED_CHARSET",
                            "字符集 " + (isUtf8(declared) ? request.getCharacterEncoding() : declared)
                                    + " 不受支持，请以 UTF-8 编码提交"))));
            return;
        }
        if (isText(request) && !isValidUtf8(body)) {
            refuse(response, HttpStatus.BAD_REQUEST, new ApiError("MALFORMED_BODY", "请求内容不是有效的 UTF-8 编码",
                    List.of(new ApiError.FieldProblem("body", "INVALID_ENCODING", "含有无效的 UTF-8 字节，请以 UTF-8 编码提交"))));
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private ApiError tooLarge() {
        String limit = maxBytes >= 1024 * 1024 ? (maxBytes / (1024 * 1024)) + " MB" : (maxBytes / 1024) + " KB";
        return new ApiError("PAYLOAD_TOO_LARGE", "请求内容过大，最多 " + limit,
                List.of(new ApiError.FieldProblem("body", "TOO_LARGE", "请求内容不能超过 " + limit)));
    }

    /** JSON, YAML or plain text: what the API reads, as UTF-8 only. */
    private static boolean isText(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.contains("json") || lower.contains("yaml") || lower.startsWith("text/");
    }

    private static final java.util.regex.Pattern CHARSET =
            java.util.regex.Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    /** The charset parameter of a Content-Type header, or null. */
    static String declaredCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        java.util.regex.Matcher m = CHARSET.matcher(contentType);
        return m.find() ? m.group(1) : null;
    }

    private static boolean isUtf8(String charset) {
        return charset == null || charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("UTF8");
    }

    private static boolean isValidUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void refuse(HttpServletResponse response, HttpStatus status, ApiError error) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == HttpStatus.PAYLOAD_TOO_LARGE) {
            // the client may still be sending: the rest is not read, the connection ends with this answer
            response.setHeader("Connection", "close");
        }
        json.writeValue(response.getOutputStream(), error);
    }
}
