/**
 * Image build step: loads TensorFlow Java once so that JavaCPP unpacks its native libraries (about 650 MB) into
 * {@code -Dorg.bytedeco.javacpp.cachedir} inside the image. Containers then start without unpacking, which matters
 * for the trainer (one short-lived container per pipeline step) and for a read-only root file system (the scorer).
 *
 * <p>Run with the JDK's source launcher: {@code java -Dorg.bytedeco.javacpp.cachedir=DIR -cp "APP/lib/main/*" WarmUpTensorFlow.java}.
 */
public class WarmUpTensorFlow {
    public static void main(String[] args) {
        System.out.println("TensorFlow " + org.tensorflow.TensorFlow.version() + " natives unpacked to "
                + System.getProperty("org.bytedeco.javacpp.cachedir"));
    }
}
