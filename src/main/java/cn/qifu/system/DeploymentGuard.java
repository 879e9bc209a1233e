package cn.qifu.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.RequestContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * What a deployment to {@code /engine-rest/deployment/create} (Camunda Modeler's deploy button) may carry, checked
 * before the engine sees it: at most {@code qifu.api.max-deployment-size} (413), and only diagrams, decisions and forms
 * that are what they say they are (400, naming the file and the reason):
 * <ul>
 *   <li>only {@code .bpmn}, {@code .dmn} and {@code .form} files: an embedded HTML form would run its scripts in
 *       Tasklist with the clerk's session;</li>
 *   <li>well-formed XML without DOCTYPE (no entities: no XXE, no billion laughs), whose root is a BPMN or DMN
 *       {@code definitions}; a form is a JSON object with components;</li>
 *   <li>no scripts (script tasks, {@code camunda:script} in listeners and parameters, script conditions, script
 *       languages in decisions): our processes use none, and the engine would run them with its own rights.</li>
 * </ul>
 * The engine refuses a DOCTYPE by itself ({@code enableXxeProcessing} is off), but its REST layer answers that, and any
 * file that is not XML at all, with 500; here it is a clear 400. The multipart body is read with the parser the REST
 * layer itself uses (commons-fileupload), so both see the same files.
 */
class DeploymentGuard extends OncePerRequestFilter {

    /** The form fields of a deployment; every other part is a resource (DeploymentRestServiceImpl). */
    private static final Set<String> FIELDS = Set.of("deployment-name", "deployment-source", "deploy-changed-only",
            "enable-duplicate-filtering", "tenant-id", "deployment-activation-time");
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Set<String> CAMUNDA = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");
    /** Expression languages that are not scripts: JUEL, as the engine evaluates expressions anyway, and FEEL. */
    private static final Set<String> EXPRESSION_LANGUAGES = Set.of("juel", "feel", "feel-scala", "feel-juel");

    private final long maxBytes;
    private final ObjectMapper json;
    private final SAXParserFactory xml;

    DeploymentGuard(long maxBytes, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
        this.xml = hardenedParserFactory();
    }

    record Refusal(String file, String code, String message) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // every path the REST layer takes to a deployment (…/deployment/create, a trailing slash, a path parameter)
        String path = request.getPathInfo();
        return !"POST".equalsIgnoreCase(request.getMethod()) || path == null || !path.startsWith("/deployment");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "DEPLOYMENT_TOO_LARGE", tooLarge(), List.of());
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "DEPLOYMENT_TOO_LARGE", tooLarge(), List.of());
            return;
        }
        if (isMultipart(request.getContentType())) {
            List<Refusal> refusals = inspect(request, body);
            if (!refusals.isEmpty()) {
                refuse(response, HttpStatus.BAD_REQUEST, refusals.get(0).code(),
                        "部署被拒绝：" + refusals.get(0).file() + " " + refusals.get(0).message(), refusals);
                return;
            }
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    private String tooLarge() {
        return "部署内容过大，最多 " + (maxBytes / (1024 * 1024)) + " MB";
    }

    private static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    List<Refusal> inspect(HttpServletRequest request, byte[] body) {
        List<Refusal> refusals = new ArrayList<>();
        try {
            FileItemIterator parts = new FileUpload().getItemIterator(new BufferedContext(request, body));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                if (FIELDS.contains(part.getFieldName())) {
                    continue;
                }
                String file = part.getName() != null ? part.getName() : part.getFieldName();
                try (InputStream content = part.openStream()) {
                    String[] refusal = check(file, content.readAllBytes());
                    if (refusal != null) {
                        refusals.add(new Refusal(file, refusal[0], refusal[1]));
                    }
                }
            }
        } catch (FileUploadException | IOException e) {
            refusals.add(new Refusal("（请求）", "MALFORMED_MULTIPART", "不是有效的 multipart/form-data 请求"));
        }
        return refusals;
    }

    /** Why the file must not be deployed (a code and a reason), or null. */
    String[] check(String file, byte[] content) {
        String name = file.toLowerCase(Locale.ROOT);
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
            return checkXml(content, true);
        }
        if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
            return checkXml(content, false);
        }
        if (name.endsWith(".form")) {
            try {
                JsonNode form = json.readTree(content);
                return form != null && form.isObject() && form.path("components").isArray() ? null
                        : new String[] {"NOT_A_FORM", "不是 Camunda 表单（应为含 components 的 JSON 对象）"};
            } catch (IOException e) {
                return new String[] {"NOT_A_FORM", "不是有效的 JSON 表单文件"};
            }
        }
        return new String[] {"UNSUPPORTED_RESOURCE", "只接受 .bpmn、.dmn 和 .form 文件"};
    }

    private String[] checkXml(byte[] content, boolean bpmn) {
        ModelCheck check = new ModelCheck();
        try {
            xml.newSAXParser().parse(new ByteArrayInputStream(content), check);
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE") || message.contains("ENTITY") || message.contains("entity")) {
                return new String[] {"DOCTYPE_NOT_ALLOWED", "含有 DOCTYPE 或实体声明，出于安全原因（XXE）不予接受"};
            }
            return new String[] {"MALFORMED_XML",
                    "不是格式正确的 XML（第 " + e.getLineNumber() + " 行第 " + e.getColumnNumber() + " 列）"};
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return new String[] {"MALFORMED_XML", "不是格式正确的 XML"};
        }
        boolean rightRoot = "definitions".equals(check.root) && check.rootNamespace != null
                && (bpmn ? BPMN.equals(check.rootNamespace) : check.rootNamespace.contains("omg.org/spec/DMN"));
        if (!rightRoot) {
            return bpmn ? new String[] {"NOT_BPMN", "不是 BPMN 2.0 流程文件（根元素应为 bpmn:definitions）"}
                    : new String[] {"NOT_DMN", "不是 DMN 决策文件（根元素应为 dmn:definitions）"};
        }
        if (check.script != null) {
            return new String[] {"SCRIPT_NOT_ALLOWED",
                    "含有脚本（" + check.script + "），本系统的流程不使用脚本，出于安全原因不予接受"};
        }
        return null;
    }

    /** The root element, and the first script anywhere below it. */
    private static final class ModelCheck extends DefaultHandler {
        String root;
        String rootNamespace;
        String script;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (root == null) {
                root = localName;
                rootNamespace = uri;
            }
            if (script != null) {
                return;
            }
            if (BPMN.equals(uri) && ("scriptTask".equals(localName) || "script".equals(localName))) {
                script = qName;
            } else if (CAMUNDA.contains(uri) && "script".equals(localName)) {
                script = qName;
            } else if (BPMN.equals(uri) && "conditionExpression".equals(localName)
                    && isScript(attributes.getValue("language"))) {
                script = qName + " language=" + attributes.getValue("language");
            } else if (!BPMN.equals(uri) && isScript(attributes.getValue("expressionLanguage"))) {
                // DMN: a decision may name a script language for its expressions
                script = qName + " expressionLanguage=" + attributes.getValue("expressionLanguage");
            }
        }

        private static boolean isScript(String language) {
            if (language == null || language.isBlank()) {
                return false;
            }
            String l = language.strip().toLowerCase(Locale.ROOT);
            return !EXPRESSION_LANGUAGES.contains(l) && !l.contains("feel");
        }
    }

    /** Namespaces on, no DOCTYPE, no external anything: a parser that cannot be made to read a file or a URL. */
    private static SAXParserFactory hardenedParserFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser without the XXE safeguards", e);
        }
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String code, String message,
                        List<Refusal> refusals) throws IOException {
        // the REST API's error shape (type, message: what Camunda Modeler shows) and ours (code, errors by file)
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", status == HttpStatus.BAD_REQUEST ? "InvalidRequestException" : "RestException");
        body.put("code", code);
        body.put("message", message);
        body.put("errors", refusals.stream()
                .map(r -> new ApiError.FieldProblem(r.file(), r.code(), r.message())).toList());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body);
    }

    /** The multipart body for commons-fileupload. */
    private record BufferedContext(HttpServletRequest request, byte[] body) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return request.getCharacterEncoding();
        }

        @Override
        public String getContentType() {
            return request.getContentType();
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return body.length;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
