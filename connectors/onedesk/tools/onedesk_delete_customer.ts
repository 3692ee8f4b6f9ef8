import { deleteTool } from './delete-refusal';

export const onedeskDeleteCustomer = deleteTool('onedesk_delete_customer', { noun: 'customer', plural: 'customers', alternatives: ['Remove the customer in the OneDesk web app (Customers); the public API cannot.'] });
