package cn.qifu.catalog;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Departments and boards: read from the application's tables, which are kept in step with the catalogue files. */
@Service
public class CatalogService {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final CatalogMapper mapper;
    /**
     * The active departments by code, in catalogue order: read once and kept, since names are looked up for every
     * view, timeline line and notice; rebuilt after an import (the catalogue changes only then).
     */
    private volatile Map<String, Department> departments;

    public CatalogService(CatalogMapper mapper) {
        this.mapper = mapper;
    }

    public List<Department> departments() {
        return List.copyOf(byCode().values());
    }

    public Optional<Department> department(String code) {
        return Optional.ofNullable(code == null ? null : byCode().get(code));
    }

    private Map<String, Department> byCode() {
        Map<String, Department> snapshot = departments;
        if (snapshot == null) {
            Map<String, Department> loaded = new LinkedHashMap<>();
            mapper.activeDepartments().forEach(d -> loaded.put(d.code(), d));
            snapshot = Collections.unmodifiableMap(loaded);
            departments = snapshot;
        }
        return snapshot;
    }

    /** Every department code the catalogue files name (what other catalogues may refer to). */
    public java.util.Set<String> departmentCodesInFiles() {
        return CatalogFiles.fromClasspath().departments().stream().map(Department::code)
                .collect(java.util.stream.Collectors.toSet());
    }

    public List<Board> boards() {
        return mapper.boards();
    }

    /**
     * Brings the tables in step with the files, in one transaction; does nothing when the files are those imported last.
     * Returns whether anything was written.
     */
    @Transactional
    public boolean importFiles(CatalogFiles files) {
        String fileName = CatalogFiles.DEPARTMENTS + "+" + CatalogFiles.BOARDS;
        if (files.checksum().equals(mapper.importedChecksum(fileName))) {
            return false;
        }
        Set<String> listed = new HashSet<>();
        int order = 0;
        for (Department d : files.departments()) {
            listed.add(d.code());
            if (mapper.updateDepartment(d, ++order) == 0) {
                mapper.insertDepartment(d, order);
            }
        }
        mapper.allDepartmentCodes().stream().filter(code -> !listed.contains(code)).forEach(mapper::retireDepartment);
        order = 0;
        for (Board b : files.boards()) {
            if (mapper.updateBoard(b, ++order) == 0) {
                mapper.insertBoard(b, order);
            }
        }
        if (mapper.updateImport(fileName, files.checksum()) == 0) {
            mapper.insertImport(fileName, files.checksum());
        }
        departments = null;
        log.info("目录已导入: {} 个部门, {} 个服务板块", files.departments().size(), files.boards().size());
        return true;
    }
}
