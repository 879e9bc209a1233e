package cn.qifu.catalog;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At start-up, the catalogue files are brought into the tables before groups and accounts are made from them. */
@Component
@Order(10)
class CatalogImport implements ApplicationRunner {

    private final CatalogService catalog;

    CatalogImport(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        catalog.importFiles(CatalogFiles.fromClasspath());
    }
}
