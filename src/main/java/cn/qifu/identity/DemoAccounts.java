package cn.qifu.identity;

import cn.qifu.catalog.CatalogService;
import cn.qifu.catalog.Department;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's accounts, all with the password {@value #PASSWORD}: one per role ({@code frontdesk1},
 * {@code dispatcher1}, {@code supervisor1}, {@code leader1}) and one per department ({@code <department code>1}).
 * The administrator {@code demo} comes from {@code application-demo.yml}.
 */
@Component
@Profile("demo")
@Order(30)
class DemoAccounts implements ApplicationRunner {

    static final String PASSWORD = "demo";
    static final String ADMIN = "demo";

    record Account(String userId, String groupId, String groupName) {
    }

    private final IdentityService identity;
    private final CatalogService catalog;

    DemoAccounts(ProcessEngine engine, CatalogService catalog) {
        this.identity = engine.getIdentityService();
        this.catalog = catalog;
    }

    static List<Account> accounts(List<Department> departments) {
        List<Account> accounts = new ArrayList<>();
        for (Role role : Role.values()) {
            accounts.add(new Account(role.groupId() + "1", role.groupId(), role.label()));
        }
        for (Department department : departments) {
            accounts.add(new Account(department.code() + "1", department.code(), department.name()));
        }
        return accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Account account : accounts(catalog.departments())) {
            if (identity.createUserQuery().userId(account.userId()).count() > 0) {
                continue;
            }
            User user = identity.newUser(account.userId());
            user.setFirstName(account.groupName());
            user.setLastName("演示用户");
            user.setEmail(account.userId() + "@demo.qifu.invalid");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(account.userId(), account.groupId());
        }
        // the demo administrator also sees the center's work as a supervisor does
        if (identity.createUserQuery().userId(ADMIN).memberOfGroup(Role.SUPERVISOR.groupId()).count() == 0) {
            identity.createMembership(ADMIN, Role.SUPERVISOR.groupId());
        }
    }
}
