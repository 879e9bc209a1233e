package cn.qifu.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/**
 * The catalogue as the versioned data files in {@code src/main/resources/catalog/} say it, checked before anything is
 * written: a code is also a Camunda group id, so it must be letters and digits only.
 */
public record CatalogFiles(List<Department> departments, List<Board> boards, String checksum) {

    static final String DEPARTMENTS = "catalog/departments.yml";
    static final String BOARDS = "catalog/boards.yml";
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]{1,19}");

    private record DepartmentsFile(List<Department> departments) {
    }

    private record BoardsFile(List<Board> boards) {
    }

    public static CatalogFiles fromClasspath() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try {
            byte[] departmentBytes = read(DEPARTMENTS);
            byte[] boardBytes = read(BOARDS);
            List<Department> departments = yaml.readValue(departmentBytes, DepartmentsFile.class).departments();
            List<Board> boards = yaml.readValue(boardBytes, BoardsFile.class).boards();
            CatalogFiles files = new CatalogFiles(departments, boards, sha256(departmentBytes, boardBytes));
            files.validate();
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("目录文件无法读取 (catalogue files unreadable)", e);
        }
    }

    private void validate() {
        Set<String> codes = new HashSet<>();
        for (Department d : departments) {
            requireCode(d.code(), DEPARTMENTS);
            if (!codes.add(d.code())) {
                throw new IllegalStateException(DEPARTMENTS + ": 部门编码重复 (duplicate department code) " + d.code());
            }
            if (d.name() == null || d.name().isBlank() || d.level() == null || d.kind() == null) {
                throw new IllegalStateException(DEPARTMENTS + ": 部门 " + d.code() + " 缺少名称、层级或类别");
            }
        }
        for (Department d : departments) {
            if (d.parentCode() != null && !codes.contains(d.parentCode())) {
                throw new IllegalStateException(DEPARTMENTS + ": 部门 " + d.code() + " 的上级 " + d.parentCode() + " 不存在");
            }
        }
        Set<String> boardCodes = new HashSet<>();
        for (Board b : boards) {
            requireCode(b.code(), BOARDS);
            if (!boardCodes.add(b.code())) {
                throw new IllegalStateException(BOARDS + ": 板块编码重复 (duplicate board code) " + b.code());
            }
            if (!codes.contains(b.leadDepartment())) {
                throw new IllegalStateException(BOARDS + ": 板块 " + b.code() + " 的牵头部门 " + b.leadDepartment() + " 不存在");
            }
        }
    }

    private static void requireCode(String code, String file) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalStateException(file + ": 编码须为小写字母开头的字母数字 (code must match " + CODE + "): " + code);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** Raised when the way the files are read changes, so that every database imports them again. */
    private static final byte[] READER_VERSION = "catalog-reader-2".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(READER_VERSION);
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
