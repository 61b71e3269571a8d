import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, listening on 127.0.0.1 only. DynamoDB Local has no option for the address it
 * binds (its Jetty server listens on every interface), and local mode's database must not be
 * reachable from the network. So this builds the server exactly as DynamoDB Local's own main does,
 * from the same command-line options, points its one connector at loopback before it starts, and
 * starts it. Run as a single source file (java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* thisFile),
 * it saves its compiled class to the directory named by -Dloopback.saveClassTo, so the next start
 * can skip compiling (about a second of CPU).
 */
public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
    saveCompiledClass(System.getProperty("loopback.saveClassTo"));
  }

  /** Best effort: without the saved class the next start compiles again, nothing worse. */
  private static void saveCompiledClass(String directory) {
    if (directory == null) return;
    String name = LoopbackDynamoDbLocal.class.getSimpleName() + ".class";
    try (InputStream bytes = LoopbackDynamoDbLocal.class.getResourceAsStream(name)) {
      if (bytes == null) return;
      Path dir = Files.createDirectories(Path.of(directory));
      Path partial = Files.createTempFile(dir, name, ".partial");
      Files.copy(bytes, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (Exception ignored) {
      // A read-only cache directory: keep compiling at each start.
    }
  }
}
