package cn.qifu.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How much the API and the engine's REST API take from one client ({@code qifu.api} in application.yml).
 *
 * @param maxBodySize       the largest request body under {@code /api} (413 beyond it)
 * @param maxDeploymentSize the largest deployment to {@code /engine-rest/deployment/create} (413 beyond it)
 * @param rateLimit         the writes a channel client may make, as a token bucket per client
 */
@ConfigurationProperties(prefix = "qifu.api")
public record ApiProperties(DataSize maxBodySize, DataSize maxDeploymentSize, RateLimit rateLimit) {

    public ApiProperties {
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        maxDeploymentSize = maxDeploymentSize == null ? DataSize.ofMegabytes(5) : maxDeploymentSize;
        rateLimit = rateLimit == null ? new RateLimit(20, 100) : rateLimit;
    }

    /**
     * @param requestsPerSecond the sustained rate a bucket refills at
     * @param burst             the bucket's size: how many writes a client may make at once after a quiet spell
     */
    public record RateLimit(double requestsPerSecond, int burst) {

        public RateLimit {
            if (requestsPerSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException(
                        "qifu.api.rate-limit: requests-per-second must be > 0 and burst >= 1");
            }
        }
    }
}
