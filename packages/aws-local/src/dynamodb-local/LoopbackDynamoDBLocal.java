import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts DynamoDB Local with its HTTP connector bound to 127.0.0.1.
 *
 * DynamoDB Local has no bind-address option: its own main() builds a Jetty
 * server for "any address" and anyone who can reach the machine could read and
 * write the table with made-up credentials. This builds the same server from
 * the same command line, sets the host of its connector before it binds, and
 * starts it. If a future release renames what is reached here, this throws
 * and the stack refuses to start rather than listening on every interface.
 */
public final class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local built a server without a connector");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost("127.0.0.1");
    proxy.start();
    // What the parent waits for (listeningLine in process.ts): this process, not whatever else answers on the port, is serving.
    for (Connector connector : connectors) {
      int port = ((ServerConnector) connector).getLocalPort();
      if (port <= 0) throw new IllegalStateException("DynamoDB Local started without listening on its port");
      System.out.println("listening on http://127.0.0.1:" + port);
    }
    System.out.flush();
  }
}
