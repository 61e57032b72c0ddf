import { ApiTokenEntity, FourEyesRequestEntity, UserEntity, UserSessionEntity } from '@ereceipt/auth';
import { FundsSettingEntity, FxSettlementEntity, LedgerAccountEntity, LedgerEntryEntity, LedgerLineEntity, RefundEntity, RefundMessageEntity, RemittanceReturnEntity, WithdrawalEntity } from '@ereceipt/funds';
import { FulfillmentFlagEntity, ReceiptConfirmationEntity, ShipmentEntity, TrackingEventEntity } from '@ereceipt/fulfillment';
import { EvaluationEntity, EvaluationInvitationEntity, SupplierScoreEntity } from '@ereceipt/evaluations';
import { InboundMessageEntity, OutboxEventEntity, ProcessedMessageEntity } from '@ereceipt/messaging';
import { AssociationAllocationEntity, AssociationAuditEntity, MatchDecisionEntity, MatchingSettingsEntity, RemittanceAssociationEntity } from '@ereceipt/matching';
import { MailOutboxEntity } from '@ereceipt/notifications';
import { ErpOrderStateEntity, ErpOrderSyncEntity, OrderEntity, OrderReminderEntity, PaymentInfoConfirmationEntity } from '@ereceipt/orders';
import { FxRateEntity } from '@ereceipt/rates';
import { BankFileEntity, RemittanceEntity } from '@ereceipt/remittances';
import '@ereceipt/reports'; // its index on remittance (libs/reports/src/report.indexes.ts)
import { ScheduledJobEntity } from '@ereceipt/scheduling';
import { CollectionAccountEntity, SellerEntity } from '@ereceipt/sellers';

/** Every entity of the hub; the migrations are generated from this list. */
export const hubEntities = [InboundMessageEntity, ProcessedMessageEntity, OutboxEventEntity, ApiTokenEntity, UserEntity, UserSessionEntity, FourEyesRequestEntity, RemittanceEntity, BankFileEntity, MailOutboxEntity, SellerEntity, CollectionAccountEntity, OrderEntity, OrderReminderEntity, PaymentInfoConfirmationEntity, ScheduledJobEntity, ErpOrderStateEntity, ErpOrderSyncEntity, RemittanceAssociationEntity, AssociationAllocationEntity, MatchDecisionEntity, MatchingSettingsEntity, AssociationAuditEntity, EvaluationEntity, EvaluationInvitationEntity, SupplierScoreEntity, ShipmentEntity, TrackingEventEntity, FulfillmentFlagEntity, ReceiptConfirmationEntity, FxRateEntity, LedgerAccountEntity, LedgerEntryEntity, LedgerLineEntity, WithdrawalEntity, FundsSettingEntity, FxSettlementEntity, RefundEntity, RefundMessageEntity, RemittanceReturnEntity];
