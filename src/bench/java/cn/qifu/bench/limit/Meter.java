package cn.qifu.bench.limit;

/** Something measured over the timed part of a run only (statements, CPU time): started before it, stopped after. */
public interface Meter {

    void start();

    void stop();
}
