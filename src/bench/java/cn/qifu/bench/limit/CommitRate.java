package cn.qifu.bench.limit;

/**
 * The measured commit rate of the database: transactions of {@code statementsPerTransaction} statements each, committed
 * durably by {@code threads} threads for {@code seconds}.
 */
public record CommitRate(int statementsPerTransaction, int threads, long commits, double seconds) {

    public double perSecond() {
        return seconds <= 0 ? 0 : commits / seconds;
    }
}
