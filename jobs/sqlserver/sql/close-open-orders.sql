-- Staging must not hand production's open orders to a test fulfilment run: cancel them on the copy.
UPDATE crm.Orders SET Status = 'cancelled' WHERE Status = 'open';
