/**
 * The parts of `inventory:import FILE`: which format a file is in, reading it, running the
 * InventoryImportService (the same one behind the `importInventory` mutation) in a Nest context
 * of only the modules it needs, and the lines printed for its result or its errors.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, resolve } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { describeLocation, type InventoryError } from '../inventory-import/import';
import { InventoryImportModule } from '../inventory-import/inventory-import.module';
import { InventoryImportService, type InventoryFormat, type InventoryImportResult } from '../inventory-import/inventory-import.service';
import { BOOTSTRAP_ADMIN } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { ConfigModule } from '../common/config/config.module';
import type { DomainError } from '../common/errors/domain-error';

/** The file cannot be used at all (missing, unreadable, not UTF-8); the message names it. */
export class InventoryFileError extends Error {}

const FORMATS: ReadonlyMap<string, InventoryFormat> = new Map([
  ['csv', 'CSV'],
  ['json', 'JSON'],
]);

/** `csv` or `json` (any case) as the service's format; null for anything else. */
export function inventoryFormatNamed(name: string): InventoryFormat | null {
  return FORMATS.get(name.toLowerCase()) ?? null;
}

/** The format a file name implies: `.csv` or `.json`, in any case; null when it says nothing. */
export function inventoryFormatOfFile(file: string): InventoryFormat | null {
  return inventoryFormatNamed(extname(file).slice(1));
}

function unreadable(file: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `${file}: no such file`;
    case 'EISDIR':
      return `${file}: is a directory, not a file`;
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied`;
    default:
      return `${file}: cannot read: ${error.message}`;
  }
}

/**
 * The file as text. Bytes that are not UTF-8 are refused here rather than read as U+FFFD: a
 * spreadsheet saved in a legacy encoding would otherwise import mangled names without a word.
 */
export async function readInventoryFile(file: string, cwd: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(isAbsolute(file) ? file : resolve(cwd, file));
  } catch (error) {
    throw new InventoryFileError(unreadable(file, error as NodeJS.ErrnoException));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InventoryFileError(`${file}: is not UTF-8 text; save it again as "CSV UTF-8" (or UTF-8 JSON)`);
  }
}

/**
 * What InventoryImportService needs and nothing more: no HTTP server, no GraphQL schema. The
 * DataSource is the caller's, so closing the context leaves it open.
 */
@Module({})
class InventoryImportContextModule {
  static using(dataSource: DataSource, config: AppConfig): DynamicModule {
    return {
      module: InventoryImportContextModule,
      global: true,
      imports: [ConfigModule.forRoot(config), InventoryImportModule],
      providers: [{ provide: DataSource, useValue: dataSource }, Clock],
      exports: [DataSource, Clock],
    };
  }
}

/** Runs the inventory import as the bootstrap admin, as `importInventory` would for an admin token. */
export async function importInventory(
  dataSource: DataSource,
  config: AppConfig,
  input: { format: InventoryFormat; content: string; dryRun: boolean },
): Promise<InventoryImportResult> {
  const context = await NestFactory.createApplicationContext(InventoryImportContextModule.using(dataSource, config), {
    logger: false,
    abortOnError: false,
  });
  try {
    return await context.get(InventoryImportService).import(BOOTSTRAP_ADMIN, input);
  } finally {
    await context.close();
  }
}

/** The counts of an import (or of a dry run), one line per kind of record. */
export function describeImportResult(result: InventoryImportResult): string[] {
  return [
    `  groups        ${result.groupsCreated} created, ${result.groupsUpdated} updated, ${result.membersAdded} members added`,
    `  applications  ${result.applicationsCreated} created, ${result.applicationsUpdated} updated, ${result.applicationsUnchanged} unchanged`,
    `  deployments   ${result.deploymentsRecorded} recorded, ${result.deploymentsUnchanged} unchanged`,
  ];
}

/** Every problem of a refused inventory, one line each: `row 4, runtime: …` or `applications[0].slug: …`. */
export function describeInventoryErrors(error: DomainError): string[] {
  const errors = error.details.errors as InventoryError[] | undefined;
  if (!Array.isArray(errors) || errors.length === 0) return [`  ${error.message}`];
  return errors.map((problem) => `  ${describeLocation(problem)}${problem.column ? `, ${problem.column}` : ''}: ${problem.message}`);
}
