import Echo
import ControlPlane
import DataPlane
import Foundation
import LambdaRunner
import Shared

/// `tollgate dev [--dir DIR] [--host H] [--admin-port P] [--port P] [--echo-port P] [--lambda-endpoint URL]
/// [--aws-endpoint URL] [--aws-credentials FILE] [--ca-file FILE] [--function NAME=COMMAND ...
/// [--function-timeout S] [--function-queue N]] [--tls [--tls-port P]]`: the newcomer's
/// command — a control plane on an embedded SQLite file, one data-plane node and a `tollgate echo`
/// backend, all in this process, plus a copy-paste `aws apigateway` session that uses them.
///
/// State lives under `DIR` (default `./.tollgate`): `control-plane/` (SQLite), `node-1/` (snapshot
/// cache) and `dev-credentials.json` (generated once, reused on restart, mode 0600). Defaults: admin
/// API on 4000, gateway on 4001, echo on 4002; `0` picks free ports. Ctrl-C stops everything.
///
/// The control plane and the node gossip cluster limits as a real cluster does (UDP on the admin
/// and gateway port numbers, or free ports with `0`), so strict quotas are enforced, GetUsage
/// reports usage and quota counts survive a restart; `--gossip off` runs without (fast-mode
/// quotas, nothing persisted).
///
/// The integration flags mean what they mean on `tollgate data-plane` (`DataPlaneCommand.integrationFlags`):
/// `--lambda-endpoint` serves AWS_PROXY, Lambda custom integrations and Lambda authorizers from any
/// Lambda Invoke API (AWS, LocalStack, a local runner); the node signs with `--aws-credentials` or
/// the `AWS_*` variables of dev's own environment, and sends unsigned calls without either.
///
/// `--function NAME=COMMAND` (repeatable) instead starts the local Lambda runner (`LambdaRunner`,
/// as `tollgate lambda-runner`) on a free loopback port and points the node at it: each COMMAND
/// is a runtime loop on the Lambda Runtime API, started in the current directory, restarted when
/// it exits and killed when dev stops. It cannot be combined with `--lambda-endpoint`.
///
/// `--tls` (issue 15) makes a local CA and a server certificate (`DevCertificates`, under
/// `DIR/tls/`), serves the admin API over HTTPS only (on `--admin-port`), adds the node's HTTPS
/// listener on `--tls-port` (default 4003; the plain gateway stays on `--port`), has the node
/// poll the control plane over HTTPS verified against that CA, and prints the CA file with the
/// `curl --cacert` and `aws --ca-bundle` to use; the printed session then speaks HTTPS throughout.
enum DevCommand {
    static let flags = Set<String>(["dir", "host", "admin-port", "port", "echo-port", "threads", "gossip", "metrics-listen", "metrics",
                                     "tls-port"])
        .union(DataPlaneCommand.integrationFlags).union(LambdaRunnerCommand.runnerFlags).union(LogOptions.flags).union(switches)
    /// The boolean switches: `--tls`.
    static let switches: Set<String> = ["tls"]

    /// What `--tls` serves with: the files and the node's HTTPS port.
    struct TLSSetup {
        var certificates: DevCertificates
        var gatewayPort: Int
    }

    /// The gossip binds of the dev control plane and node: UDP on the admin and gateway port
    /// numbers (`--gossip on`, the default), or none (`--gossip off`).
    static func gossipBinds(_ options: CommandOptions, host: String, adminPort: Int, gatewayPort: Int)
        throws(UsageError) -> (controlPlane: SocketAddress, node: SocketAddress)? {
        switch (options.value("gossip") ?? "on").lowercased() {
        case "off": return nil
        case "on", "":
            guard let controlPlane = GossipAddress.resolve("\(hostForURL(host)):\(adminPort)"),
                  let node = GossipAddress.resolve("\(hostForURL(host)):\(gatewayPort)") else {
                throw UsageError("--host: cannot resolve '\(host)'")
            }
            return (controlPlane, node)
        default: throw UsageError("--gossip must be on or off")
        }
    }

    /// The generated admin credentials and cluster secret of one dev directory.
    struct Credentials: Codable {
        var accessKeyId: String
        var secretAccessKey: String
        var clusterSecret: String

        /// Reads `DIR/dev-credentials.json`, or creates it (mode 0600). Returns any mode it had to tighten
        /// as warnings. Errors are one readable line naming the file.
        static func loadOrCreate(in directory: String) throws(PrivateFilesError) -> (Credentials, warnings: [String]) {
            let path = directory + "/dev-credentials.json"
            if let data = FileManager.default.contents(atPath: path), let saved = try? JSONDecoder().decode(Credentials.self, from: data) {
                return (saved, try PrivateFiles.tightenFiles([path], what: "dev credentials file"))
            }
            let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
            let mixed = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
            let created = Credentials(accessKeyId: "AKID" + SecureRandom.string(length: 16, alphabet: upper),
                                      secretAccessKey: SecureRandom.string(length: 40, alphabet: mixed),
                                      clusterSecret: SecureRandom.string(length: 40, alphabet: mixed))
            // Safe to force: encoding three strings cannot fail.
            let bytes = Array(try! JSONEncoder().encode(created))
            try PrivateFiles.writeFileAtomically(path, bytes)
            return (created, [])
        }
    }

    static func run(_ arguments: [String]) throws(UsageError) -> Never {
        let signals = SignalHandler()
        let options = try CommandOptions(arguments, known: flags, switches: switches)
        let directory = URL(fileURLWithPath: options.value("dir") ?? ".tollgate").standardizedFileURL.path
        let host = options.value("host") ?? "127.0.0.1"
        let adminPort = try port(options, "admin-port", default: 4000)
        let gatewayPort = try port(options, "port", default: 4001)
        let echoPort = try port(options, "echo-port", default: 4002)
        let tlsPort = try port(options, "tls-port", default: 4003)
        let tlsOn = options.flag("tls")
        if !tlsOn, options.value("tls-port") != nil { throw UsageError("--tls-port goes with --tls") }
        let threads = Int(options.value("threads") ?? "") ?? EventLoopGroup.onlineCores
        let gossip = try gossipBinds(options, host: host, adminPort: adminPort, gatewayPort: gatewayPort)
        // Checked before anything starts, so a bad flag is a usage error, not a half-started dev.
        var integrations = DataPlaneNode.Configuration(
            host: host, port: gatewayPort, controlPlane: HTTPEndpointAddress(host: host, port: adminPort),
            stateDirectory: "", nodeId: "dev-node-1", clusterSecret: "")
        try DataPlaneCommand.readIntegrationOptions(options, environment: ProcessInfo.processInfo.environment, into: &integrations)
        try DataPlaneCommand.readMetricsOptions(options, into: &integrations)
        // One process log for all three services (node `dev`; the components tell them apart).
        let log = try LogOptions.processLog(options, node: "dev")
        var runnerConfiguration = try LambdaRunnerCommand.readRunner(options, log: log)
        if runnerConfiguration != nil, options.value("lambda-endpoint") != nil {
            throw UsageError("give either --function (dev runs the functions) or --lambda-endpoint (another Lambda), not both")
        }
        // The control plane's region and account, so the ARNs dev prints are the ones its APIs use.
        runnerConfiguration?.region = "us-east-1"
        runnerConfiguration?.account = "000000000000"
        let runner = runnerConfiguration.map { LambdaRunner(configuration: $0) }

        let credentials: Credentials
        do throws(PrivateFilesError) {
            // The directory holds the admin secret and the database: owner only (0700).
            var warnings = try PrivateFiles.prepareDirectory(directory, what: "dev directory")
            let loaded = try Credentials.loadOrCreate(in: directory)
            credentials = loaded.0
            warnings += loaded.warnings
            for warning in warnings { log.with(component: "startup").warn(warning) }
        } catch {
            fail("tollgate dev: cannot prepare \(directory): \(error)")
        }

        var tls: TLSSetup?
        if tlsOn {
            do {
                let certificates = try DevCertificates.prepare(in: directory + "/tls", host: host)
                tls = TLSSetup(certificates: certificates, gatewayPort: tlsPort)
                // The node trusts the dev CA for its control plane, beside any --ca-file given.
                var bundle = try String(contentsOfFile: certificates.caFile, encoding: .utf8)
                if let extra = options.value("ca-file"), !extra.isEmpty {
                    bundle += "\n" + (try String(contentsOfFile: extra, encoding: .utf8))
                }
                let trusted = directory + "/tls/trusted.pem"
                try PrivateFiles.writeFileAtomically(trusted, Array(bundle.utf8))
                integrations.upstreamTLS = try TLSClientContexts(caFile: trusted)
            } catch {
                fail("tollgate dev: --tls: cannot prepare the certificates in \(directory)/tls: \(error)")
            }
        }

        // The echo backend the demo API proxies to.
        let echoGroup = EventLoopGroup(threads: 1)
        let echo = HTTPServer(configuration: .init(host: host, port: echoPort), group: echoGroup, handler: EchoHandler())
        let controlPlane: ControlPlaneService
        let testRunner: DefinitionTestRunner
        let node: RunningNode
        let bound: (admin: Int, gateway: Int, echo: Int)
        var functionLines: [String] = []
        var firstFunctionArn: String?
        do {
            let echoBound = try echo.start()
            if let runner, let runnerConfiguration {
                let runnerPort = try runner.start()
                integrations.lambdaEndpoint = LambdaEndpoint(url: "http://127.0.0.1:\(runnerPort)")
                functionLines = ["runner (Lambda Invoke API)          http://127.0.0.1:\(runnerPort)   counts: /tollgate/functions"]
                    + LambdaRunnerCommand.functionLines(runner, runnerConfiguration)
                firstFunctionArn = runner.arn(0)
            }
            var controlPlaneConfiguration = ControlPlaneService.Configuration(
                host: host, port: adminPort, dataDirectory: directory + "/control-plane",
                adminAccessKeyId: credentials.accessKeyId, adminSecretAccessKey: credentials.secretAccessKey,
                clusterSecret: credentials.clusterSecret)
            controlPlaneConfiguration.gossipBind = gossip?.controlPlane
            if let tls {
                // HTTPS only: the admin secret and the snapshots never cross in clear.
                controlPlaneConfiguration.tls = try TLSListener(host: host, port: adminPort, certificateFile: tls.certificates.certificateFile,
                                                                keyFile: tls.certificates.keyFile)
                controlPlaneConfiguration.servesPlain = false
            }
            controlPlaneConfiguration.log = log
            // TestInvokeMethod/TestInvokeAuthorizer call what the node calls.
            var testConfiguration = integrations
            testConfiguration.log = log
            testRunner = DefinitionTestRunner(configuration: testConfiguration)
            controlPlaneConfiguration.testInvoker = testRunner
            controlPlane = try ControlPlaneService(configuration: controlPlaneConfiguration)
            for warning in controlPlane.startupWarnings { log.with(component: "startup").warn(warning) }
            let adminBound = try controlPlane.start()
            var nodeConfiguration = DataPlaneNode.Configuration(
                host: host, port: gatewayPort, controlPlane: HTTPEndpointAddress(host: host, port: adminBound, isTLS: tls != nil),
                stateDirectory: directory + "/node-1", nodeId: "dev-node-1", clusterSecret: credentials.clusterSecret,
                threads: threads, log: log)
            nodeConfiguration.lambdaEndpoint = integrations.lambdaEndpoint
            nodeConfiguration.awsEndpoint = integrations.awsEndpoint
            nodeConfiguration.awsCredentials = integrations.awsCredentials
            nodeConfiguration.otlpEndpoint = integrations.otlpEndpoint
            nodeConfiguration.upstreamTLS = integrations.upstreamTLS
            nodeConfiguration.metricsListen = integrations.metricsListen
            nodeConfiguration.requestMetrics = integrations.requestMetrics
            if let tls {
                nodeConfiguration.tls = try TLSListener(host: host, port: tls.gatewayPort, certificateFile: tls.certificates.certificateFile,
                                                        keyFile: tls.certificates.keyFile)
            }
            node = try DataPlaneCommand.startNode(
                nodeConfiguration,
                limits: NodeLimits.Configuration(nodeID: NodeID("dev-node-1"), clusterSecret: credentials.clusterSecret,
                                                 gossipBind: gossip?.node),
                limitsOn: true)
            bound = (adminBound, node.port, echoBound)
            if let tlsPort = node.node.tlsPort { tls?.gatewayPort = tlsPort }
        } catch {
            fail("tollgate dev: cannot start: \(error)")
        }

        print(banner(host: hostForURL(host), ports: bound, credentials: credentials, directory: directory, functions: functionLines,
                     functionArn: firstFunctionArn, tls: tls.map { (caFile: $0.certificates.caFile, gatewayPort: $0.gatewayPort) }))
        fflush(nil)
        _ = signals.wait()
        blockOn {
            await node.shutdown()
            await runner?.shutdown()
            await controlPlane.shutdown()
            await testRunner.shutdown()
            await echo.shutdown(gracePeriod: .seconds(1))
        }
        echoGroup.shutdown()
        exit(0)
    }

    private static func port(_ options: CommandOptions, _ name: String, default value: Int) throws(UsageError) -> Int {
        guard let text = options.value(name) else { return value }
        guard let port = Int(text), (0...65535).contains(port) else { throw UsageError("--\(name) must be a port number") }
        return port
    }

    /// What `tollgate dev` prints: endpoints, credentials and a session between marker lines.
    /// With `tls` (`--tls`) the admin URL is https, the session passes `--ca-bundle`/`--cacert`/`--ca-file` and calls
    /// the gateway over HTTPS on `tls.gatewayPort`.
    static func banner(host: String, ports: (admin: Int, gateway: Int, echo: Int), credentials: Credentials, directory: String,
                       functions: [String] = [], functionArn: String? = nil, tls: (caFile: String, gatewayPort: Int)? = nil) -> String {
        let admin = "\(tls == nil ? "http" : "https")://\(host):\(ports.admin)"
        // What the session's commands add to trust the dev CA, and where it invokes the stage.
        let caBundle = tls.map { " --ca-bundle \($0.caFile)" } ?? ""
        let cacert = tls.map { " --cacert \($0.caFile)" } ?? ""
        let caFile = tls.map { " --ca-file \($0.caFile)" } ?? ""
        let invoke = tls.map { "https://$API.execute-api.localhost:\($0.gatewayPort)" } ?? "http://$API.execute-api.localhost:\(ports.gateway)"
        let tlsText = tls.map { tls in """

              gateway over HTTPS                        https://\(host):\(tls.gatewayPort)   invoke: https://{restApiId}.execute-api.localhost:\(tls.gatewayPort)/{stage}/{path}
              local CA (trust it to verify both)        \(tls.caFile)
                curl --cacert \(tls.caFile) https://\(host):\(tls.gatewayPort)/_tollgate/health
                aws apigateway --endpoint-url \(admin) --ca-bundle \(tls.caFile) get-rest-apis
                (or export AWS_CA_BUNDLE=\(tls.caFile); tollgate rollback|audit|nodes take --ca-file \(tls.caFile))
            """ } ?? ""
        let functionText = functions.map { "\n  lambda \($0)" }.joined()
        // With --function: one more step, a Lambda proxy method to the first function.
        let lambdaStep = functionArn.map { arn in """

            # 5. a GET /fn method whose AWS_PROXY integration invokes the local function \(arn.split(separator: ":").last ?? "")
            FN=$($AGW create-resource --rest-api-id $API --parent-id $ROOT --path-part fn --query id --output text)
            $AGW put-method --rest-api-id $API --resource-id $FN --http-method GET --authorization-type NONE >/dev/null
            $AGW put-integration --rest-api-id $API --resource-id $FN --http-method GET --type AWS_PROXY --integration-http-method POST --uri 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/\(arn)/invocations' >/dev/null
            $AGW create-deployment --rest-api-id $API --stage-name prod --description fn >/dev/null
            sleep 1; curl -s\(cacert) "\(invoke)/prod/fn?name=tollgate"; echo
            """ } ?? ""
        let tollgate = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        return """
        Tollgate dev is running (Ctrl-C stops it; state in \(directory))
          admin API (AWS apigateway wire protocol)  \(admin)
          gateway (data-plane node)                 http://\(host):\(ports.gateway)   invoke: http://{restApiId}.execute-api.localhost:\(ports.gateway)/{stage}/{path}
          echo backend                              http://\(host):\(ports.echo)
          admin credentials                         AWS_ACCESS_KEY_ID=\(credentials.accessKeyId) AWS_SECRET_ACCESS_KEY=\(credentials.secretAccessKey)\(tlsText)\(functionText)

        Try it — paste this into another shell (needs the aws CLI and curl):
        # ---- session ----
        export AWS_ACCESS_KEY_ID=\(credentials.accessKeyId) AWS_SECRET_ACCESS_KEY=\(credentials.secretAccessKey) AWS_DEFAULT_REGION=us-east-1
        AGW="aws apigateway --endpoint-url \(admin)\(caBundle)"
        TOLLGATE=\(tollgate)
        # 1. an API whose {proxy+} resource forwards everything to the echo backend
        API=$($AGW create-rest-api --name demo --query id --output text)
        ROOT=$($AGW get-resources --rest-api-id $API --query 'items[0].id' --output text)
        PROXY=$($AGW create-resource --rest-api-id $API --parent-id $ROOT --path-part '{proxy+}' --query id --output text)
        $AGW put-method --rest-api-id $API --resource-id $PROXY --http-method ANY --authorization-type NONE --request-parameters method.request.path.proxy=true >/dev/null
        $AGW put-integration --rest-api-id $API --resource-id $PROXY --http-method ANY --type HTTP_PROXY --integration-http-method ANY --uri 'http://\(host):\(ports.echo)/{proxy}' --request-parameters integration.request.path.proxy=method.request.path.proxy >/dev/null
        # 2. deploy it to stage prod and call it (the echo backend answers with what it received)
        V1=$($AGW create-deployment --rest-api-id $API --stage-name prod --description v1 --query id --output text)
        sleep 1; curl -s\(cacert) "\(invoke)/prod/hello?name=tollgate"; echo
        # 3. change the integration (now every call answers 418) and deploy again
        $AGW put-integration --rest-api-id $API --resource-id $PROXY --http-method ANY --type HTTP_PROXY --integration-http-method ANY --uri 'http://\(host):\(ports.echo)/status/418' >/dev/null
        V2=$($AGW create-deployment --rest-api-id $API --stage-name prod --description v2 --query id --output text)
        sleep 1; curl -s\(cacert) -o /dev/null -w "v2 answers %{http_code}\\n" "\(invoke)/prod/hello"
        # 4. roll stage prod back to the deployment it had before (v1)
        $TOLLGATE rollback --control-plane \(admin)\(caFile) --rest-api-id $API --stage prod
        sleep 1; curl -s\(cacert) -o /dev/null -w "after rollback: %{http_code}\\n" "\(invoke)/prod/hello"\(lambdaStep)
        # ---- end of session ----
        """
    }
}
