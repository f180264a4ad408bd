/** What a CLI command reads and writes: passed in, so that tests run commands in-process with captured streams. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Read by `scan -` (defaults to the process's standard input). */
  stdin?: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Where the command was typed: relative file names resolve against it. */
  cwd: string;
  /**
   * Where the service's relative settings (DATA_DIR, MAINTENANCE_CALENDAR_FILE) resolve, for the
   * operator commands; default `cwd`. Under `npm run cli` it is the project directory (npm runs
   * scripts there), while `cwd` is the directory npm was started in.
   */
  configDir?: string;
}
