import { Module, type OnModuleInit } from '@nestjs/common';
import { associationHooks } from '@ereceipt/matching';
import { AutoWithdrawalJob } from './auto-withdrawal.job';
import { BuyerRefundsController } from './buyer-refunds.controller';
import { ApproveRefund } from './approve-refund.usecase';
import { DecideRefund } from './decide-refund.usecase';
import { OpenRefund } from './open-refund.usecase';
import { RefundMessages } from './post-refund-message.usecase';
import { RefundsController } from './refunds.controller';
import { ReturnRemittance } from './return-remittance.usecase';
import { creditAssociation } from './credit-association.usecase';
import { FundsController } from './funds.controller';
import { FxSettlementJob } from './fx-settlement.job';
import { FundsQueries } from './funds.query';
import { RequestWithdrawal } from './request-withdrawal.usecase';
import { TransferResultsConsumer } from './transfer-results.consumer';
import { UpdateFundsSettings } from './update-funds-settings.usecase';

/**
 * Funds (issue 7): the ledger follows every association change through matching's port (in the same
 * transaction), withdrawals and their bank results, automatic withdrawal, balances.
 */
@Module({
  controllers: [FundsController, RefundsController, BuyerRefundsController],
  providers: [ReturnRemittance, OpenRefund, DecideRefund, ApproveRefund, RefundMessages, RequestWithdrawal, UpdateFundsSettings, FundsQueries, TransferResultsConsumer, AutoWithdrawalJob, FxSettlementJob],
})
export class FundsModule implements OnModuleInit {
  onModuleInit(): void {
    associationHooks.register({ changed: creditAssociation });
  }
}
