package cn.qifu.catalog;

import java.util.HashSet;
import java.util.List;
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

    public CatalogService(CatalogMapper mapper) {
        this.mapper = mapper;
    }

    public List<Department> departments() {
        return mapper.activeDepartments();
    }

    public Optional<Department> department(String code) {
        return departments().stream().filter(d -> d.code().equals(code)).findFirst();
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
        log.info("目录已导入: {} 个部门, {} 个服务板块", files.departments().size(), files.boards().size());
        return true;
    }
}
