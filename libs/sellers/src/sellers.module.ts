import { Module } from '@nestjs/common';
import { ApplySeller } from './apply-seller.usecase';
import { DecideSeller } from './decide-seller.usecase';
import { SellersController } from './sellers.controller';
import { SellerQueries } from './sellers.query';

@Module({ controllers: [SellersController], providers: [ApplySeller, DecideSeller, SellerQueries], exports: [SellerQueries] })
export class SellersModule {}
