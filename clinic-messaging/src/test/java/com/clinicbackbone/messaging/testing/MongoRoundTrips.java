package com.clinicbackbone.messaging.testing;

import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;

/**
 * Counts the MongoDB round trips an operation makes and checks that each of its filters is a key lookup: a filter
 * the embedded MongoDB-wire server (and MongoDB, with the same unique index) serves from a unique index instead of
 * scanning the collection under its lock. The rule, as mongo-java-server 1.47 applies it: the filter names exactly
 * the fields of one unique index of the collection ({@code _id} included), each with a plain value, or it is
 * {@code {field: {$in: [...]}}} on a one-field unique index. {@code count}, {@code aggregate} and {@code distinct}
 * always scan. Shared with the services' tests through this module's test jar.
 *
 * <p>Register it on the client ({@link #customizer}), {@link #reset()}, run the operation, then read
 * {@link #commands()} or assert. Commands are recorded with the thread that issued them (the driver calls
 * listeners on that thread), so a test can leave out background work.
 */
public final class MongoRoundTrips implements CommandListener {

    /** The commands that touch documents; handshakes, pings, index listing and cursors' getMore are not counted. */
    private static final Set<String> COUNTED = Set.of("find", "insert", "update", "delete", "findAndModify",
            "count", "aggregate", "distinct");
    private static final Set<String> ALWAYS_SCAN = Set.of("count", "aggregate", "distinct");

    /** One recorded command; {@code filters} holds each statement's filter (several for a bulk update/delete). */
    public record Command(String name, String database, String collection, List<BsonDocument> filters,
                          String thread) {

        /** The first filter (an insert has none: an empty document). */
        public BsonDocument filter() {
            return filters.isEmpty() ? new BsonDocument() : filters.get(0);
        }

        @Override
        public String toString() {
            return name + " " + collection + (filters.isEmpty() ? "" : " " + filters) + " [" + thread + "]";
        }
    }

    private final List<Command> commands = new CopyOnWriteArrayList<>();

    /** Adds the listener to the client Spring Boot builds (a bean of a test configuration). */
    public static MongoClientSettingsBuilderCustomizer customizer(MongoRoundTrips roundTrips) {
        return settings -> settings.addCommandListener(roundTrips);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        if (!COUNTED.contains(name)) {
            return;
        }
        BsonDocument command = event.getCommand().clone(); // the event's document lives only as long as the call
        String collection = command.get(name).isString() ? command.getString(name).getValue() : "";
        commands.add(new Command(name, event.getDatabaseName(), collection, filters(name, command),
                Thread.currentThread().getName()));
    }

    private static List<BsonDocument> filters(String name, BsonDocument command) {
        return switch (name) {
            case "find", "count", "distinct" -> List.of(command.getDocument(name.equals("find") ? "filter" : "query",
                    new BsonDocument()));
            case "findAndModify" -> List.of(command.getDocument("query", new BsonDocument()));
            case "update" -> statements(command, "updates", "q");
            case "delete" -> statements(command, "deletes", "q");
            case "aggregate" -> List.of(new BsonDocument("pipeline", command.getArray("pipeline", new BsonArray())));
            default -> List.of();
        };
    }

    /** The filters of an update's or delete's statements (sent in the command or, when large, as a sequence). */
    private static List<BsonDocument> statements(BsonDocument command, String field, String filter) {
        List<BsonDocument> found = new ArrayList<>();
        for (BsonValue statement : command.getArray(field, new BsonArray())) {
            found.add(statement.asDocument().getDocument(filter, new BsonDocument()));
        }
        return found;
    }

    /** Forgets what was recorded so far. */
    public void reset() {
        commands.clear();
    }

    /** What was recorded since the last {@link #reset()}, in order. */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** The recorded commands that match. */
    public List<Command> commands(Predicate<Command> which) {
        return commands.stream().filter(which).toList();
    }

    /** How many recorded commands match. */
    public int count(Predicate<Command> which) {
        return commands(which).size();
    }

    /** Commands issued on the given thread (the request or consumer thread of the operation under test). */
    public static Predicate<Command> onThread(String threadName) {
        return command -> command.thread().equals(threadName);
    }

    /** Commands on a collection. */
    public static Predicate<Command> on(String collection) {
        return command -> command.collection().equals(collection);
    }

    /**
     * The recorded commands (of the given ones) that no unique index of their collection can serve, each with the
     * reason; empty when every one is a key lookup. The indexes are read from {@code database}.
     */
    public List<String> scans(MongoDatabase database, List<Command> recorded) {
        Map<String, List<Set<String>>> uniqueKeys = new ConcurrentHashMap<>();
        List<String> scans = new ArrayList<>();
        for (Command command : recorded) {
            if (command.name().equals("insert")) {
                continue;
            }
            if (ALWAYS_SCAN.contains(command.name())) {
                scans.add(command + ": " + command.name() + " always scans the collection");
                continue;
            }
            List<Set<String>> keys = uniqueKeys.computeIfAbsent(command.collection(),
                    collection -> uniqueIndexes(database, collection));
            for (BsonDocument filter : command.filters()) {
                if (!isKeyLookup(filter, keys)) {
                    scans.add(command + ": filter " + filter.toJson() + " matches no unique index " + keys);
                }
            }
        }
        return scans;
    }

    /** Fails naming every recorded command (since the last reset) that scans. */
    public void assertKeyLookupsOnly(MongoDatabase database) {
        assertKeyLookupsOnly(database, commands());
    }

    /** Fails naming every one of the given commands that scans. */
    public void assertKeyLookupsOnly(MongoDatabase database, List<Command> recorded) {
        List<String> scans = scans(database, recorded);
        if (!scans.isEmpty()) {
            throw new AssertionError("Not key lookups:\n  " + String.join("\n  ", scans));
        }
    }

    /** Fails when more than {@code budget} of the given commands were made for {@code operation}, listing them. */
    public static void assertWithinBudget(String operation, int budget, List<Command> recorded) {
        if (recorded.size() > budget) {
            throw new AssertionError(operation + " took " + recorded.size() + " MongoDB round trips, budget "
                    + budget + ":\n  " + String.join("\n  ", recorded.stream().map(Command::toString).toList()));
        }
    }

    static boolean isKeyLookup(BsonDocument filter, List<Set<String>> uniqueIndexes) {
        if (filter.isEmpty()) {
            return false;
        }
        Set<String> fields = filter.keySet();
        for (Set<String> index : uniqueIndexes) {
            if (!index.equals(fields)) {
                continue;
            }
            if (filter.values().stream().allMatch(MongoRoundTrips::isPlain)) {
                return true;
            }
            if (index.size() == 1 && isIn(filter.values().iterator().next())) {
                return true;
            }
        }
        return false;
    }

    /** A value without query operators ({@code $lt}, {@code $in}, ...); {@code null} is plain. */
    private static boolean isPlain(BsonValue value) {
        return !value.isDocument() || value.asDocument().keySet().stream().noneMatch(key -> key.startsWith("$"));
    }

    private static boolean isIn(BsonValue value) {
        return value.isDocument() && value.asDocument().size() == 1 && value.asDocument().containsKey("$in");
    }

    private static List<Set<String>> uniqueIndexes(MongoDatabase database, String collection) {
        List<Set<String>> unique = new ArrayList<>();
        unique.add(Set.of("_id"));
        for (Document index : database.getCollection(collection).listIndexes()) {
            if (Boolean.TRUE.equals(index.get("unique"))) {
                unique.add(new HashSet<>(index.get("key", Document.class).keySet()));
            }
        }
        return unique;
    }

    @Override
    public String toString() {
        return "MongoRoundTrips" + commands;
    }
}
