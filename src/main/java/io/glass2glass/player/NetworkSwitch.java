package io.glass2glass.player;

import io.glass2glass.player.network.NetworkProfile;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A scenario's {@code network} event: from {@code fromSeconds} to {@code toSeconds} after the
 * players' start, the links of a group's players (every group's for {@code *}) follow another
 * profile, then return to their own.
 */
public record NetworkSwitch(String group, String network, double fromSeconds, double toSeconds) {

    public static final String ALL_GROUPS = "*";

    public NetworkSwitch {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(network, "network");
        if (!(fromSeconds >= 0) || !(toSeconds > fromSeconds)) {
            throw new IllegalArgumentException("a network switch needs 0 <= from < to: " + fromSeconds + " to " + toSeconds);
        }
    }

    public boolean applies(String groupName) {
        return group.equals(ALL_GROUPS) || group.equals(groupName);
    }

    /**
     * The link of a player of this switch's group who joined {@code joinedMillis} after the players'
     * start and watches for {@code watchMillis}: its own, with {@code replacement} in force meanwhile.
     */
    public NetworkProfile apply(NetworkProfile own, NetworkProfile replacement, long joinedMillis, long watchMillis) {
        long from = Math.round(fromSeconds * 1000) - joinedMillis;
        long to = Math.round(toSeconds * 1000) - joinedMillis;
        if (to <= 0) {
            return own;
        }
        return own.withSwitch(replacement, from, to, watchMillis + 60_000);
    }

    public JsonObject toJson() {
        return new JsonObject().put("group", group).put("network", network).put("from", fromSeconds).put("to", toSeconds);
    }

    public static NetworkSwitch fromJson(JsonObject o) {
        return new NetworkSwitch(o.getString("group"), o.getString("network"), o.getDouble("from"), o.getDouble("to"));
    }
}
