import { deleteTool } from './delete-refusal';

export const onedeskDeleteCustomer = deleteTool('onedesk_delete_customer', { noun: 'customer', plural: 'customers', instead: 'the OneDesk web app.', alternatives: ['Remove the customer in the OneDesk web app (Customers); the public API cannot.'] });
