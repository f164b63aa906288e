/** A `make` line to print for the user, carrying EMULATOR_PORT when it is not the default. */
export const makeCommand = (target: string, args = ''): string => {
  const port = process.env.EMULATOR_PORT;
  const portArg = port && port !== '4566' ? ` EMULATOR_PORT=${port}` : '';
  return `make ${target}${args ? ` ${args}` : ''}${portArg}`;
};
