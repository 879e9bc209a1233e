package cn.qifu.catalog;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/catalog")
class CatalogController {

    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/departments")
    List<Department> departments() {
        return catalog.departments();
    }

    @GetMapping("/boards")
    List<Board> boards() {
        return catalog.boards();
    }
}
