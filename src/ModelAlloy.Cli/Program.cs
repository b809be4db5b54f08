using ModelAlloy.Cli;

return await AlloyCommandLine.InvokeAsync(args, Console.Out, Console.Error);
