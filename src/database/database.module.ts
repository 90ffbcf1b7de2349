import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseEndpoint } from './database-endpoint.js';
import { dataSourceOptions } from './data-source-options.js';

@Module({ providers: [DatabaseEndpoint], exports: [DatabaseEndpoint] })
class DatabaseEndpointModule {}

/** One connection pool for the app; pending migrations run before the app serves requests. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseEndpointModule],
      inject: [DatabaseEndpoint],
      useFactory: async (endpoint: DatabaseEndpoint) => {
        const { url, poolSize } = await endpoint.connection();
        return { ...dataSourceOptions(url, poolSize), autoLoadEntities: true, migrationsRun: true };
      },
    }),
  ],
})
export class DatabaseModule {}
