package cn.qifu.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;

/**
 * HTTP Basic logins checked against the engine's users, for {@code /api} and {@code /engine-rest} alike, and a login
 * that passed remembered for a short while ({@code qifu.identity.basic-login-ttl}, 60 s; 0 checks every request).
 *
 * <p>Why: a channel system or a script sends its password with every request, and checking it is three commands of
 * the engine (the password, the user's groups, its tenants): a fifth of a problem's CPU through the HTTP API (issue 6).
 * Camunda's webapps do the same with their sessions, which re-read the user's groups only every five minutes.
 *
 * <p>What that costs: a password changed, a user locked or removed on another node takes up to the TTL to act there;
 * on this node every change to users, groups or tenants forgets every remembered login at once
 * ({@link IdentityChanges}). A wrong password is never remembered, so every failed attempt still counts towards the
 * engine's lock. The password is kept only as a SHA-256 of the header.
 */
public final class BasicLogins {

    /** A user whose password was checked, with the groups and tenants the engine's authorization checks need. */
    public record Login(String userId, List<String> groupIds, List<String> tenantIds) {
    }

    private record Remembered(Login login, long untilNanos) {
    }

    /** Beyond this many remembered logins all are forgotten: a bound on memory against a flood of made-up passwords. */
    static final int MOST_REMEMBERED = 10_000;

    private final long ttlNanos;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Moved by every forgetting: a login checked before a change of identities is not remembered after it. */
    private final AtomicLong generation = new AtomicLong();

    public BasicLogins(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** The user of an {@code Authorization: Basic …} header, if the header is one and its password is right. */
    public Optional<Login> verify(String authorizationHeader, IdentityService identity) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        if (ttlNanos <= 0) {
            return check(authorizationHeader, identity);
        }
        String key = sha256(authorizationHeader);
        long now = System.nanoTime();
        Remembered known = remembered.get(key);
        if (known != null && now - known.untilNanos() < 0) {
            return Optional.of(known.login());
        }
        long before = generation.get();
        Optional<Login> login = check(authorizationHeader, identity);
        if (login.isEmpty()) {
            remembered.remove(key);
        } else if (generation.get() == before) {
            if (remembered.size() >= MOST_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(login.get(), now + ttlNanos));
        }
        return login;
    }

    /** Every remembered login is checked again at its next request. */
    public void forgetAll() {
        generation.incrementAndGet();
        remembered.clear();
    }

    private static Optional<Login> check(String header, IdentityService identity) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String userId = decoded.substring(0, colon);
        if (!identity.checkPassword(userId, decoded.substring(colon + 1))) {
            return Optional.empty();
        }
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
                .map(Tenant::getId).toList();
        return Optional.of(new Login(userId, groups, tenants));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
