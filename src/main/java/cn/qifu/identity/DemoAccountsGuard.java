package cn.qifu.identity;

import cn.qifu.catalog.CatalogService;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A production start on a database that still holds demo accounts with their demo password refuses to go on: those
 * passwords are printed in the README.
 */
@Component
@Profile("!demo")
@Order(30)
class DemoAccountsGuard implements ApplicationRunner {

    private final IdentityService identity;
    private final CatalogService catalog;

    DemoAccountsGuard(ProcessEngine engine, CatalogService catalog) {
        this.identity = engine.getIdentityService();
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> ids = new ArrayList<>();
        ids.add(DemoAccounts.ADMIN);
        DemoAccounts.accounts(catalog.departments()).forEach(a -> ids.add(a.userId()));
        List<String> exposed = ids.stream()
                .filter(id -> identity.createUserQuery().userId(id).count() > 0)
                .filter(id -> identity.checkPassword(id, DemoAccounts.PASSWORD))
                .toList();
        if (!exposed.isEmpty()) {
            throw new IllegalStateException("拒绝启动：数据库中仍有使用演示密码的账号 " + exposed
                    + "，请删除或修改其密码。Refusing to start: demo accounts with the demo password exist: " + exposed);
        }
    }
}
