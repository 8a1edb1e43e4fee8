package io.stereotype.core.model;

/** Which node of the doctor-masters-bachelors tree a network is. Masters and bachelors count from 1. */
public record NetworkId(Role role, int master, int index) {
    public enum Role { DOCTOR, MASTER, BACHELOR }

    public static final NetworkId DOCTOR = new NetworkId(Role.DOCTOR, 0, 0);

    public NetworkId {
        boolean ok = switch (role) {
            case DOCTOR -> master == 0 && index == 0;
            case MASTER -> master >= 1 && index == 0;
            case BACHELOR -> master >= 1 && index >= 1;
        };
        if (!ok) {
            throw new IllegalArgumentException("invalid network id " + role + " master=" + master + " index=" + index);
        }
    }

    public static NetworkId master(int master) {
        return new NetworkId(Role.MASTER, master, 0);
    }

    public static NetworkId bachelor(int master, int index) {
        return new NetworkId(Role.BACHELOR, master, index);
    }

    /** The id a folder or MLflow run is named after: doctor, master-2, bachelor-2-1. */
    public String name() {
        return switch (role) {
            case DOCTOR -> "doctor";
            case MASTER -> "master-" + master;
            case BACHELOR -> "bachelor-" + master + "-" + index;
        };
    }

    public static NetworkId parse(String name) {
        String[] parts = name.split("-");
        try {
            return switch (parts[0]) {
                case "doctor" -> parts.length == 1 ? DOCTOR : invalid(name);
                case "master" -> parts.length == 2 ? master(Integer.parseInt(parts[1])) : invalid(name);
                case "bachelor" -> parts.length == 3 ? bachelor(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])) : invalid(name);
                default -> invalid(name);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a network name: " + name, e);
        }
    }

    private static NetworkId invalid(String name) {
        throw new IllegalArgumentException("not a network name: " + name + " (expected doctor, master-I or bachelor-I-J)");
    }

    /** Each network's own seed, derived from the base seed, so that students of one grade differ. */
    public long seed(long base) {
        return base * 1_000_003L + role.ordinal() * 10_007L + master * 101L + index;
    }

    /** The teacher this network regresses (none for the doctor). */
    public NetworkId teacher() {
        return switch (role) {
            case DOCTOR -> throw new IllegalStateException("the doctor has no teacher");
            case MASTER -> DOCTOR;
            case BACHELOR -> master(master);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
