package io.telemetryflow.isolated;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the names a class file links against from its constant pool (JVMS §4.4). */
final class ConstantPool {

    private ConstantPool() {
    }

    /** The internal names of the referenced classes and the field, method and method-type descriptors. */
    static List<String> linkedNames(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> linked = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 16 -> linked.add(in.readUnsignedShort()); // Class, MethodType: name / descriptor
                case 12 -> { // NameAndType: the descriptor
                    in.readUnsignedShort();
                    linked.add(in.readUnsignedShort());
                }
                case 8, 19, 20 -> in.readUnsignedShort(); // String, Module, Package
                case 3, 4, 9, 10, 11, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two slots
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant-pool tag " + tag + " at " + i);
            }
        }
        List<String> names = new ArrayList<>();
        for (int index : linked) {
            if (utf8[index] != null) {
                names.add(utf8[index]);
            }
        }
        return names;
    }
}
