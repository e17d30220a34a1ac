using CommerceBus.Bench.Http;

// One executable, three roles, so the harness starts each as its own process:
//   echo --port P                      the echo backend
//   yarp --port P --backend URL        the bare YARP peer
//   run --hub HUB.dll --out FILE [--quick]   the benchmark (starts the other two and the hub)
return args.FirstOrDefault() switch
{
    "echo" => await EchoServer.RunAsync(Arguments.Port(args)),
    "yarp" => await YarpPeer.RunAsync(Arguments.Port(args), Arguments.Value(args, "--backend")),
    "run" => await BenchRunner.RunAsync(BenchSettings.From(args)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CommerceBus.Bench.Http run --hub <CommerceBus.Host.dll> --out <results.md> [--quick] | echo --port <p> | yarp --port <p> --backend <url>");
    return 2;
}
