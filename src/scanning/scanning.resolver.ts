import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { FINDING_CODES } from '../requirements';
import { FindingCodeModel, ScanFileInput, ScanPolicyModel, ScanReportModel } from './scan.models';
import { toScanReportModel } from './scan-report.mapper';
import { ScanningService } from './scanning.service';
import { BulkTextArguments } from '../common/graphql/text-guard';

@Resolver()
export class ScanningResolver {
  constructor(private readonly scanning: ScanningService) {}

  @Query(() => ScanReportModel, {
    description: 'Scans one requirements.txt, pyproject.toml or Pipfile (by filename), optionally against a runtime release. Stores nothing.',
  })
  @BulkTextArguments('content')
  async scanRequirements(
    @CurrentPrincipal() principal: Principal | null,
    @Args('content') content: string,
    @Args('filename', { type: () => String, nullable: true, description: 'Decides the format; default requirements.txt.' }) filename: string | null,
    @Args('runtime', { type: () => String, nullable: true, description: 'Release version to check against, e.g. 37.22.0.' }) runtime: string | null,
  ): Promise<ScanReportModel> {
    return toScanReportModel(await this.scanning.scanContent(content, filename, runtime, principal));
  }

  @Query(() => ScanReportModel, { description: 'Scans a set of files together, so `-r base.txt` resolves inside the set. Stores nothing.' })
  async scanFiles(
    @CurrentPrincipal() principal: Principal | null,
    @Args('files', { type: () => [ScanFileInput] }) files: ScanFileInput[],
    @Args('runtime', { type: () => String, nullable: true }) runtime: string | null,
  ): Promise<ScanReportModel> {
    return toScanReportModel(await this.scanning.scanFiles(files, runtime, principal));
  }

  @Query(() => ScanPolicyModel, {
    description: "The scan settings this service applies, so that the `scan` CLI in CI reports what the service's own scans report.",
  })
  scanPolicy(): ScanPolicyModel {
    return this.scanning.policy();
  }

  @Query(() => [FindingCodeModel], { description: 'Every finding code the scanner can report.' })
  findingCodes(): FindingCodeModel[] {
    return FINDING_CODES.map((info) => ({ ...info, severity: info.severity }));
  }
}
