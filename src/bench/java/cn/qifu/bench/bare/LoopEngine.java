package cn.qifu.bench.bare;

import java.util.Map;

/**
 * What a client of the loop-shaped process ({@code bench/loop-shaped.bpmn}) needs from an engine: each bare engine's
 * benchmark implements it with that engine's own API, so {@link LoopClients} drives them all the same way.
 */
public interface LoopEngine extends AutoCloseable {

    /** The loop-shaped process's key, and where its definition is on the classpath. */
    String PROCESS_KEY = "loopShaped";
    String RESOURCE = "bench/loop-shaped.bpmn";

    /** Starts an instance as that user; returns its id. */
    String start(String user, String businessKey, Map<String, Object> variables);

    /**
     * As that user: finds the instance's one open task, claims it and completes it with the variables, as a clerk
     * does in Tasklist; returns the task's definition key.
     */
    String completeTask(String user, String instanceId, Map<String, Object> variables);

    /** Fails unless no instance is running and, when history is kept, all {@code started} are recorded as finished. */
    void checkAllFinished(int started);

    @Override
    void close();
}
