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

/**
 * Every entity of the hub, for library integration specs (a library does not import an app), as
 * `@ereceipt/testing/entities` (not from the index, so unit specs do not load every library). The
 * same list as apps/hub/src/entities.ts, from which the migrations are generated;
 * test/quality/entities.spec.ts fails when the two differ.
 */
export const hubEntities = [InboundMessageEntity, ProcessedMessageEntity, OutboxEventEntity, ApiTokenEntity, UserEntity, UserSessionEntity, FourEyesRequestEntity, RemittanceEntity, BankFileEntity, MailOutboxEntity, SellerEntity, CollectionAccountEntity, OrderEntity, OrderReminderEntity, PaymentInfoConfirmationEntity, ScheduledJobEntity, ErpOrderStateEntity, ErpOrderSyncEntity, RemittanceAssociationEntity, AssociationAllocationEntity, MatchDecisionEntity, MatchingSettingsEntity, AssociationAuditEntity, EvaluationEntity, EvaluationInvitationEntity, SupplierScoreEntity, ShipmentEntity, TrackingEventEntity, FulfillmentFlagEntity, ReceiptConfirmationEntity, FxRateEntity, LedgerAccountEntity, LedgerEntryEntity, LedgerLineEntity, WithdrawalEntity, FundsSettingEntity, FxSettlementEntity, RefundEntity, RefundMessageEntity, RemittanceReturnEntity];
