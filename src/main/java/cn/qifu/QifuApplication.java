package cn.qifu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * qifu 企服闭环: the enterprise service center's workflow system. Camunda 7 runs embedded; the packages below this one
 * are named after what they do for the center's staff and the enterprises.
 */
@SpringBootApplication
public class QifuApplication {

    public static void main(String[] args) {
        SpringApplication.run(QifuApplication.class, args);
    }
}
