/**
 * The notification types of a `notifications` hook, by the names Kazoo gives them
 * (applications/webhooks/doc/events/notifications.md), each with the fields Kazoo's
 * payload for it may carry. Kazoo raises most of them from applications this platform
 * does not have (fax, voicemail, porting, billing, registrations); those are listed so a
 * hook written for Kazoo is accepted, and say they are not raised here yet. The last
 * ones are this platform's own.
 */
export interface NotificationInfo {
  friendly_name: string;
  description: string;
  /** Whether the platform raises it today. */
  raised: boolean;
  /** The payload fields Kazoo documents for it, beside the common ones. */
  fields: readonly string[];
}

const NOT_RAISED = ' Not raised by this platform yet.';

const fax = ['account_id', 'call_id', 'callee_id_name', 'callee_id_number', 'caller_id_name', 'caller_id_number', 'fax_id', 'fax_info', 'fax_notifications', 'fax_timestamp', 'faxbox_id'];
const port = ['account_id', 'authorized_by', 'local_number', 'number', 'number_state', 'port', 'port_request_id', 'reason'];
const voicemail = ['account_id', 'call_id', 'caller_id_name', 'caller_id_number', 'from_realm', 'from_user', 'to_realm', 'to_user', 'voicemail_box', 'voicemail_id', 'voicemail_length', 'voicemail_timestamp', 'voicemail_transcription'];
const registration = ['account_db', 'account_id', 'authorizing_id', 'call_id', 'contact', 'event_timestamp', 'expires', 'from_host', 'from_user', 'network_ip', 'network_port', 'realm', 'suppress_unregister_notify', 'to_host', 'to_user', 'user_agent', 'username'];
const billing = ['account_id', 'add_ons', 'amount', 'billing_address', 'card_last_four', 'currency_code', 'discounts', 'id', 'purchase_order', 'response', 'success', 'tax_amount', 'timestamp'];

function kazooOnly(friendly_name: string, description: string, fields: readonly string[]): NotificationInfo {
  return { friendly_name, description: description + NOT_RAISED, raised: false, fields };
}

export const notificationCatalogue = {
  account_zone_change: kazooOnly('Account Zone Change', "Someone asked to move an account's home zone.", ['account_id', 'zones']),
  bill_reminder: kazooOnly('Bill Reminder', 'A reminder of the coming service plan charges, sent some days before the month ends.', ['account_id', 'due_date', 'items', 'payment_token', 'timestamp']),
  cf_notification: kazooOnly('Customer defined notification', 'A notification the customer sends, from a callflow for instance.', [
    'account_id', 'call_bridged', 'call_id', 'caller_id_name', 'caller_id_number', 'comments', 'from_realm', 'from_user', 'message_left', 'notification_media', 'notify', 'template_id', 'timestamp', 'to_realm', 'to_user', 'to',
  ]),
  cnam_request: kazooOnly('CNAM Update', 'Someone asked for the caller name of a number to change.', ['account_id', 'acquired_for', 'cnam', 'local_number', 'number', 'number_state']),
  customer_update: kazooOnly('Customer Update', 'A message delivered to an account through the customer update API.', ['account_id', 'databag', 'recipient_id', 'template_id', 'user_type']),
  denied_emergency_bridge: kazooOnly('Emergency Call Failed', 'A call to an emergency number failed.', [
    'account_id', 'call_id', 'emergency_caller_id_name', 'emergency_caller_id_number', 'outbound_caller_id_name', 'outbound_caller_id_number',
  ]),
  deregister: kazooOnly('De-Registration', "A device's registration expired without being renewed.", [...registration, 'freeswitch_hostname', 'presence_hosts', 'profile_name', 'rpid', 'status']),
  first_occurrence: kazooOnly('Account First Occurrence', 'An account registered its first device or placed its first call.', ['account_id', 'occurrence']),
  inbound_fax: { friendly_name: 'Successful Fax Reception', description: 'A fax came in (a faxbox or receive_fax callflow).', raised: true, fields: [...fax, 'from_realm', 'from_user', 'owner_id', 'to_realm', 'to_user'] },
  inbound_fax_error: {
    friendly_name: 'Fax Reception Error',
    description: 'A fax failed to come in.',
    raised: true,
    fields: [...fax, 'fax_error', 'fax_result_code', 'from_realm', 'from_user', 'owner_id', 'to_realm', 'to_user'],
  },
  low_balance: kazooOnly('Account Low Balance', "An account's balance fell under its notification threshold.", ['account_id', 'current_balance']),
  missed_call: kazooOnly('Missed Call', "A callflow's missed-call action ran.", [
    'account_id', 'call_bridged', 'call_id', 'caller_id_name', 'caller_id_number', 'from_realm', 'from_user', 'message_left', 'notify', 'timestamp', 'to_realm', 'to_user', 'to',
  ]),
  new_account: { friendly_name: 'New Account', description: 'An account was created.', raised: true, fields: ['account_db', 'account_id', 'account_name', 'account_realm'] },
  new_user: { friendly_name: 'New User', description: 'A user was created.', raised: true, fields: ['account_id', 'user_id'] },
  outbound_fax: { friendly_name: 'Successful Fax Transmission', description: 'A fax went out (PUT /faxes).', raised: true, fields: [...fax, 'fax_jobid'] },
  outbound_fax_error: { friendly_name: 'Fax Transmission Error', description: 'A fax failed to go out.', raised: true, fields: [...fax, 'fax_error', 'fax_jobid'] },
  outbound_smtp_fax_error: kazooOnly('Invalid Email-to-Fax Email', 'An email sent to be faxed could not be used.', [
    'account_id', 'errors', 'fax_from_email', 'fax_to_email', 'faxbox_id', 'faxbox_name', 'faxbox_timezone', 'number', 'original_number', 'owner_id', 'timestamp',
  ]),
  password_recovery: kazooOnly('Password Recovery', 'A user asked for a password recovery link.', ['account_db', 'account_id', 'email', 'first_name', 'last_name', 'password_reset_link', 'timezone', 'user_id']),
  port_cancel: kazooOnly('Port Cancel', 'A port request was cancelled.', port),
  port_comment: kazooOnly('Port Comment', 'Someone commented on a port request.', [...port.filter((field) => field !== 'reason'), 'comment']),
  port_pending: kazooOnly('Port Pending', 'A port request was accepted and handed to a carrier.', port),
  port_rejected: kazooOnly('Port Rejected', 'A port request was rejected.', port),
  port_request: kazooOnly('Port Request', 'A port request was submitted.', [...port, 'version']),
  port_scheduled: kazooOnly('Port Scheduled', 'A carrier accepted a port and scheduled it.', port),
  port_unconfirmed: kazooOnly('Port Unconfirmed', 'A port request was created and not yet submitted.', port),
  ported: kazooOnly('Ported', 'A number finished porting.', port),
  register: kazooOnly('Registration', 'A device that was not registered registered.', [...registration, 'authorizing_type', 'owner_id']),
  service_added: kazooOnly('Service Added', "An account's billable quantities changed.", ['account_id', 'audit_log', 'items', 'timestamp']),
  system_alert: kazooOnly('System Alert', 'An alert for the platform operators.', ['account_id', 'details', 'line', 'message', 'module', 'node', 'pid', 'request_id', 'section', 'subject']),
  topup: kazooOnly('Automatic Account Top-up', 'An automatic top-up of an account was tried.', billing),
  transaction: kazooOnly('Transaction Completed', 'A payment transaction was tried.', [...billing, 'service_plan']),
  voicemail_full: kazooOnly('Voicemail Box Full', 'A message could not be left: the voicemail box is full.', ['account_id', 'max_message_count', 'message_count', 'voicemail_box']),
  voicemail_new: kazooOnly('New Voicemail Message', 'A voicemail message was left.', voicemail),
  voicemail_saved: kazooOnly('Voicemail Message Saved', "A voicemail message was saved in its box's new folder.", voicemail),
  webhook: kazooOnly('Callflow Webhook Triggered', "A callflow reached its webhook action. This platform's flows send with their webhook_send action instead.", ['account_id', 'data', 'hook', 'timestamp']),
  webhook_disabled: { friendly_name: 'Webhook Disabled', description: 'A webhook failed too often and was turned off.', raised: true, fields: ['account_id', 'hook_id'] },
  recording_saved: {
    friendly_name: 'Recording Saved',
    description: "A call recording finished and was stored (this platform's own notification).",
    raised: true,
    fields: ['account_id', 'recording_id', 'call_id'],
  },
} as const satisfies Record<string, NotificationInfo>;

export type NotificationType = keyof typeof notificationCatalogue;
export const notificationTypes = Object.keys(notificationCatalogue) as NotificationType[];
