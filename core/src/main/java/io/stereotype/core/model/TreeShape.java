package io.stereotype.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The doctor-masters-bachelors tree: M masters learn from the doctor, B bachelors from each master.
 * The one place that walks the tree; training, assembly and scoring all ask it.
 */
public record TreeShape(int masterCount, int bachelorsPerMaster) {

    public TreeShape {
        if (masterCount < 1 || bachelorsPerMaster < 1) {
            throw new IllegalArgumentException("a tree has at least 1 master and 1 bachelor per master, got "
                    + masterCount + " masters and " + bachelorsPerMaster + " bachelors");
        }
    }

    /** Every network in training order: the doctor, the masters, then each master's bachelors. */
    public List<NetworkId> networks() {
        List<NetworkId> ids = new ArrayList<>();
        ids.add(NetworkId.DOCTOR);
        ids.addAll(masters());
        ids.addAll(bachelors());
        return ids;
    }

    /** master-1 .. master-M. */
    public List<NetworkId> masters() {
        List<NetworkId> ids = new ArrayList<>();
        for (int i = 1; i <= masterCount; i++) {
            ids.add(NetworkId.master(i));
        }
        return ids;
    }

    /** The bachelors of one master, bachelor-I-1 .. bachelor-I-B. */
    public List<NetworkId> bachelorsOf(NetworkId master) {
        requireContains(master);
        if (master.role() != NetworkId.Role.MASTER) {
            throw new IllegalArgumentException(master + " is not a master");
        }
        List<NetworkId> ids = new ArrayList<>();
        for (int j = 1; j <= bachelorsPerMaster; j++) {
            ids.add(NetworkId.bachelor(master.master(), j));
        }
        return ids;
    }

    /** Every bachelor, master by master. */
    public List<NetworkId> bachelors() {
        List<NetworkId> ids = new ArrayList<>();
        masters().forEach(master -> ids.addAll(bachelorsOf(master)));
        return ids;
    }

    /** The network {@code id} regresses: the doctor for a master, its master for a bachelor. */
    public NetworkId teacherOf(NetworkId id) {
        requireContains(id);
        return id.teacher();
    }

    public boolean contains(NetworkId id) {
        return id.master() <= masterCount && id.index() <= bachelorsPerMaster;
    }

    /** Throws IllegalArgumentException naming the network and the tree's shape. */
    public void requireContains(NetworkId id) {
        if (!contains(id)) {
            throw new IllegalArgumentException(id + " is not in this tree: it has " + masterCount + " masters with "
                    + bachelorsPerMaster + " bachelors each");
        }
    }
}
