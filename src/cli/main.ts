/** The `wps` command line. */
process.stdout.write("wps: no subcommands yet\n");
