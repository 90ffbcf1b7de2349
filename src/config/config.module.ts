import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { parseEnvironment } from './environment.js';

/** Reads the environment when the app is created (not when this file is imported). */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => new AppConfig(parseEnvironment(process.env)) }],
  exports: [AppConfig],
})
export class ConfigModule {}
