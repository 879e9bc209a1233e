package cn.qifu.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qifu.testsupport.OnH2;
import cn.qifu.testsupport.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Deployments through {@code /engine-rest/deployment/create}, as Camunda Modeler sends them, that must not get in:
 * XXE, entity expansion, a file of 20 MB, broken XML, something else named .bpmn, scripts, an embedded HTML form.
 * Each is refused with a clear 4xx naming the file, nothing is deployed, and the engine goes on serving.
 */
@OnH2
class HostileDeploymentOnH2Test {

    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;

    static String process(String id, String inside) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definitions xmlns=\"" + BPMN_NS + "\" xmlns:camunda=\""
                + CAMUNDA_NS + "\" targetNamespace=\"http://qifu.cn/test\">\n<process id=\"" + id
                + "\" isExecutable=\"true\" camunda:historyTimeToLive=\"30\">\n" + inside + "\n</process>\n</definitions>\n";
    }

    static final String START_TO_END = "<startEvent id=\"s\"/><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"e\"/>"
            + "<endEvent id=\"e\"/>";

    long deployments() {
        return engine.getRepositoryService().createDeploymentQuery().count();
    }

    RawHttp.Response deploy(String user, String file, byte[] content, boolean chunked) {
        String boundary = "qifu-test-boundary-7d3f";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nhostile\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file + "\"; filename=\"" + file + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new RawHttp(port).send("POST", "/engine-rest/deployment/create", user, "demo",
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary, "Accept", "application/json"),
                body.toByteArray(), chunked);
    }

    /** Refused with the status, naming the file and the reason (in Chinese), and nothing deployed. */
    void refused(String file, byte[] content, boolean chunked, int status, String code) {
        long before = deployments();
        RawHttp.Response response = deploy("demo", file, content, chunked);
        assertThat(response.status()).as(file + ": " + response.text()).isEqualTo(status);
        JsonNode error = response.json();
        assertThat(error.path("code").asText()).as(response.text()).isEqualTo(code);
        assertThat(error.path("message").asText()).as("what Camunda Modeler shows").matches("(?s).*\\p{IsHan}.*");
        if (status == 400) {
            assertThat(error.path("type").asText()).isEqualTo("InvalidRequestException");
            assertThat(error.path("errors").get(0).path("field").asText()).isEqualTo(file);
            assertThat(error.path("message").asText()).contains(file);
        }
        assertThat(deployments()).as("nothing deployed").isEqualTo(before);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void externalEntitiesAndEntityExpansionAreRefused() {
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isEnableXxeProcessing())
                .as("the engine's own XXE processing stays off").isFalse();
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + process("xxe", START_TO_END).substring(process("xxe", START_TO_END).indexOf("<definitions"))
                        .replace("isExecutable=\"true\"", "isExecutable=\"true\" name=\"&xxe;\"");
        refused("xxe.bpmn", utf8(xxe), false, 400, "DOCTYPE_NOT_ALLOWED");
        String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
                + "<definitions xmlns=\"" + BPMN_NS + "\" targetNamespace=\"x\"><documentation>&lol3;</documentation></definitions>";
        refused("laughs.bpmn", utf8(laughs), false, 400, "DOCTYPE_NOT_ALLOWED");
        // the same in UTF-16: no byte pattern to catch, the parser reads the encoding and refuses the DOCTYPE
        refused("xxe16.bpmn", xxe.replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
                .getBytes(StandardCharsets.UTF_16), false, 400, "DOCTYPE_NOT_ALLOWED");
        refused("xxe.dmn", utf8("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"http://evil.example/\">]>"
                + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\" namespace=\"x\">"
                + "&x;</definitions>"), false, 400, "DOCTYPE_NOT_ALLOWED");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() {
        byte[] huge = new byte[20 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        byte[] start = utf8(process("huge", START_TO_END));
        System.arraycopy(start, 0, huge, 0, start.length);
        refused("huge.bpmn", huge, false, 413, "DEPLOYMENT_TOO_LARGE");
        // without a declared length (chunked), reading stops at the limit
        refused("huge.bpmn", huge, true, 413, "DEPLOYMENT_TOO_LARGE");
    }

    @Test
    void whatIsNotABpmnDiagramIsRefused() {
        refused("broken.bpmn", utf8(process("broken", START_TO_END).replace("</process>", "")), false, 400, "MALFORMED_XML");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        refused("image.bpmn", png, false, 400, "MALFORMED_XML");
        refused("other.bpmn", utf8("<?xml version=\"1.0\"?><html><body>not a diagram</body></html>"), false, 400, "NOT_BPMN");
        refused("form.html", utf8("<form><script cam-script>alert(1)</script></form>"), false, 400, "UNSUPPORTED_RESOURCE");
        refused("broken.form", utf8("{\"components\": ["), false, 400, "NOT_A_FORM");
    }

    /** Our processes use no scripts; a deployment carrying one is refused wherever the script hides. */
    @Test
    void scriptsAreRefused() {
        refused("script-task.bpmn", utf8(process("scriptTask", "<startEvent id=\"s\"/>"
                + "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\"/><scriptTask id=\"t\" scriptFormat=\"javascript\">"
                + "<script>java.lang.Runtime.getRuntime().exec('id')</script></scriptTask>"
                + "<sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/><endEvent id=\"e\"/>")), false, 400,
                "SCRIPT_NOT_ALLOWED");
        refused("script-listener.bpmn", utf8(process("scriptListener", "<startEvent id=\"s\"><extensionElements>"
                + "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"groovy\">'id'.execute()"
                + "</camunda:script></camunda:executionListener></extensionElements></startEvent>"
                + "<sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"e\"/><endEvent id=\"e\"/>")), false, 400,
                "SCRIPT_NOT_ALLOWED");
        refused("script-condition.bpmn", utf8(process("scriptCondition", "<startEvent id=\"s\"/>"
                + "<sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"e\"><conditionExpression language=\"javascript\">"
                + "true</conditionExpression></sequenceFlow><endEvent id=\"e\"/>")), false, 400, "SCRIPT_NOT_ALLOWED");
        refused("script.dmn", utf8("<?xml version=\"1.0\"?><definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
                + " id=\"d\" name=\"d\" namespace=\"x\"><decision id=\"d1\" name=\"d1\"><literalExpression"
                + " expressionLanguage=\"javascript\"><text>1</text></literalExpression></decision></definitions>"),
                false, 400, "SCRIPT_NOT_ALLOWED");
    }

    /** The guard is no obstacle to the designers: every diagram, decision and form of the repository passes it. */
    @Test
    void everyDiagramAndFormOfTheRepositoryPassesTheGuard() throws IOException {
        DeploymentGuard guard = new DeploymentGuard(5 * 1024 * 1024, new ObjectMapper());
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("processes", "forms", "src/test/resources/foundation")) {
            try (Stream<Path> walk = Files.walk(Path.of(dir), FileVisitOption.FOLLOW_LINKS)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(40);
        for (Path file : files) {
            assertThat(guard.check(file.getFileName().toString(), Files.readAllBytes(file))).as(file.toString()).isNull();
        }
    }

    /** After all that, a designer's good diagram still goes in, and the engine serves as before. */
    @Test
    void theEngineStillServesAndTakesAGoodDiagram() {
        refused("xxe.bpmn", utf8("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><a>&x;</a>"), false, 400,
                "DOCTYPE_NOT_ALLOWED");
        long before = deployments();
        RawHttp.Response good = deploy("demo", "守卫测试.bpmn", utf8(process("guardCheck",
                "<startEvent id=\"s\" name=\"开始\"/><sequenceFlow id=\"f\" sourceRef=\"s\" targetRef=\"e\"/>"
                        + "<endEvent id=\"e\" name=\"结束\"/>")), false);
        assertThat(good.status()).as(good.text()).isEqualTo(200);
        assertThat(good.json().path("deployedProcessDefinitions").toString()).contains("guardCheck");
        assertThat(deployments()).isEqualTo(before + 1);
        RawHttp.Response count = new RawHttp(port).get("demo", "/engine-rest/process-definition/count?key=guardCheck");
        assertThat(count.json().path("count").asInt()).isEqualTo(1);
        // a stranger is asked who they are before anything is read
        assertThat(deploy(null, "xxe.bpmn", utf8("<!DOCTYPE a []><a/>"), false).status()).isEqualTo(401);
    }
}
