import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module';
import { ProjectsModule } from '../projects/projects.module';
import { OpinionNumbersRepository } from './opinion-numbers.repository';
import { PortfolioService } from './portfolio.service';
import { RectificationService } from './rectification.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** The pre-acceptance review from application to signed opinion, and the portfolio. */
@Module({
  imports: [ProjectsModule, ChecksModule],
  controllers: [ReviewsController],
  providers: [ReviewsService, PortfolioService, OpinionNumbersRepository, RectificationService],
  exports: [ReviewsService, PortfolioService],
})
export class ReviewsModule {}
