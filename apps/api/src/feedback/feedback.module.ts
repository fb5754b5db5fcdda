import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { FeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';
import { PublicFeedbackController } from './public-feedback.controller';

@Module({ imports: [ProjectsModule], controllers: [FeedbackController, PublicFeedbackController], providers: [FeedbackService] })
export class FeedbackModule {}
