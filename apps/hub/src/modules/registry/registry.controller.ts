import { Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError } from '../../common/app-error';
import { Allow, CurrentPrincipal, MultipartUpload } from '../auth/policy';
import { actorOf, type Principal } from '../auth/roles';
import { RegistryImportService } from './registry-import.service';
import { ApiAnswer } from '../../openapi/api-answer';
import { ZImportReport } from './registry.answers';

/** Uploads larger than this are refused before parsing (the parser has its own, tighter, bounds). */
export const MAX_REGISTRY_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The part of multer's file object the import reads. */
interface UploadedRegistryFile {
  originalname: string;
  buffer: Buffer;
}

@ApiTags('registry')
@Controller('api/registry')
export class RegistryController {
  constructor(private readonly importer: RegistryImportService) {}

  @Post('imports')
  @Allow('registry:import')
  @HttpCode(201)
  @ApiOperation({ summary: '导入项目台账 (.xlsx / .csv) / import the registry workbook' })
  @MultipartUpload()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_REGISTRY_UPLOAD_BYTES, files: 1 } }))
  @ApiAnswer(ZImportReport, { status: 201 })
  import(@CurrentPrincipal() me: Principal, @UploadedFile() file: UploadedRegistryFile | undefined) {
    if (!file) {
      throw new AppError('INVALID_REQUEST', {
        zh: '请以 multipart/form-data 的 file 字段上传项目台账文件',
        en: 'Upload the registry file as the multipart/form-data field "file"',
      });
    }
    const name = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.importer.import(name, file.buffer, actorOf(me));
  }
}
