/** Wrong use of a command (unknown option, missing value): the CLI prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {}
