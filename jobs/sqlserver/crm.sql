-- A sample CRM on SQL Server, for trying DataRefresh's SQL Server provider and for its tests: every kind of object the
-- scripter copies appears at least once. Run it in an empty database (sqlcmd -d crm -i crm.sql); it is idempotent only
-- in that sense. The catalog fixture of the tests (SampleCrmCatalog) is what sys.* says about this script.
CREATE SCHEMA crm;
GO
CREATE SCHEMA audit;
GO
CREATE TYPE crm.Phone FROM nvarchar(20) NULL;
GO
CREATE TYPE crm.CustomerList AS TABLE (
    CustomerId int NOT NULL,
    Note nvarchar(100) NULL,
    PRIMARY KEY (CustomerId)
);
GO
CREATE SEQUENCE crm.InvoiceNumbers AS bigint START WITH 1000 INCREMENT BY 1 MINVALUE 1000 MAXVALUE 9999999999 NO CYCLE CACHE 50;
GO
CREATE FUNCTION crm.NormalizeEmail (@email nvarchar(320))
RETURNS nvarchar(320)
WITH SCHEMABINDING
AS
BEGIN
    RETURN LOWER(LTRIM(RTRIM(@email)));
END
GO
CREATE TABLE crm.Customers (
    CustomerId int IDENTITY(1, 1) NOT NULL,
    ExternalId uniqueidentifier NOT NULL CONSTRAINT DF_Customers_ExternalId DEFAULT (newid()),
    FullName nvarchar(200) COLLATE Latin1_General_100_CI_AS NOT NULL,
    Email nvarchar(320) NOT NULL,
    EmailKey AS (crm.NormalizeEmail(Email)) PERSISTED,
    Phone crm.Phone NULL,
    BirthDate date NULL,
    Balance decimal(38, 4) NOT NULL CONSTRAINT DF_Customers_Balance DEFAULT ((0)),
    CreditLimit money NULL,
    Fax varchar(30) SPARSE NULL,
    LastSeen datetimeoffset(7) NULL,
    Photo varbinary(max) NULL,
    RowVersion rowversion NOT NULL
);
GO
CREATE TABLE crm.Orders (
    OrderId bigint IDENTITY(1, 1) NOT NULL,
    CustomerId int NOT NULL,
    InvoiceNumber bigint NOT NULL CONSTRAINT DF_Orders_InvoiceNumber DEFAULT (NEXT VALUE FOR crm.InvoiceNumbers),
    OrderedAt datetime2(3) NOT NULL,
    Status varchar(10) NOT NULL,
    Amount decimal(12, 2) NOT NULL,
    ShippedAt datetime2(3) NULL
);
GO
CREATE TABLE crm.OrderFacts (
    OrderId bigint NOT NULL,
    Day date NOT NULL,
    Amount decimal(12, 2) NOT NULL
);
GO
CREATE TABLE crm.ContractsHistory (
    ContractId int NOT NULL,
    CustomerId int NOT NULL,
    Terms nvarchar(max) NULL,
    ValidFrom datetime2(7) NOT NULL,
    ValidTo datetime2(7) NOT NULL
);
GO
CREATE TABLE crm.Contracts (
    ContractId int NOT NULL,
    CustomerId int NOT NULL,
    Terms nvarchar(max) NULL,
    ValidFrom datetime2(7) GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
    ValidTo datetime2(7) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
    PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo),
    CONSTRAINT PK_Contracts PRIMARY KEY CLUSTERED (ContractId)
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = crm.ContractsHistory));
GO
ALTER TABLE crm.Customers ADD CONSTRAINT PK_Customers PRIMARY KEY CLUSTERED (CustomerId);
ALTER TABLE crm.Customers ADD CONSTRAINT UQ_Customers_ExternalId UNIQUE NONCLUSTERED (ExternalId);
CREATE UNIQUE NONCLUSTERED INDEX IX_Customers_EmailKey ON crm.Customers (EmailKey) INCLUDE (FullName);
ALTER TABLE crm.Customers WITH CHECK ADD CONSTRAINT CK_Customers_Balance CHECK ([Balance]>=(0));
ALTER TABLE crm.Orders ADD CONSTRAINT PK_Orders PRIMARY KEY CLUSTERED (OrderId);
CREATE NONCLUSTERED INDEX IX_Orders_Open ON crm.Orders (CustomerId, OrderedAt DESC) INCLUDE (Amount) WHERE ([ShippedAt] IS NULL);
ALTER TABLE crm.Orders WITH CHECK ADD CONSTRAINT CK_Orders_Status CHECK ([Status]='cancelled' OR [Status]='shipped' OR [Status]='open');
ALTER TABLE crm.Orders WITH CHECK ADD CONSTRAINT FK_Orders_Customers FOREIGN KEY (CustomerId) REFERENCES crm.Customers (CustomerId) ON DELETE CASCADE;
CREATE CLUSTERED COLUMNSTORE INDEX CCI_OrderFacts ON crm.OrderFacts;
ALTER TABLE crm.Contracts WITH CHECK ADD CONSTRAINT FK_Contracts_Customers FOREIGN KEY (CustomerId) REFERENCES crm.Customers (CustomerId);
GO
CREATE TRIGGER crm.Orders_NoDeleteShipped ON crm.Orders AFTER DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted WHERE ShippedAt IS NOT NULL)
        THROW 50001, N'Shipped orders are kept.', 1;
END
GO
CREATE VIEW crm.ActiveCustomers
AS
SELECT c.CustomerId, c.FullName, c.Email
FROM crm.Customers AS c
WHERE EXISTS (SELECT 1 FROM crm.Orders AS o WHERE o.CustomerId = c.CustomerId AND o.ShippedAt IS NULL);
GO
CREATE VIEW crm.ActiveCustomerCount
AS
SELECT COUNT(*) AS Customers FROM crm.ActiveCustomers;
GO
CREATE PROCEDURE audit.CountActive
AS
SELECT Customers FROM crm.ActiveCustomerCount;
GO
CREATE SYNONYM crm.Clients FOR crm.Customers;
GO
CREATE ROLE crm_readers;
GO
CREATE USER crm_reporting WITHOUT LOGIN WITH DEFAULT_SCHEMA = crm;
GO
ALTER ROLE crm_readers ADD MEMBER crm_reporting;
GRANT SELECT ON SCHEMA::crm TO crm_readers;
DENY SELECT ON OBJECT::crm.Customers (Email) TO crm_readers;
ALTER AUTHORIZATION ON OBJECT::crm.OrderFacts TO crm_readers;
GO
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Where invoices are sent; personal data.', @level0type = N'SCHEMA', @level0name = N'crm', @level1type = N'TABLE', @level1name = N'Customers', @level2type = N'COLUMN', @level2name = N'Email';
GO
INSERT INTO crm.Customers (FullName, Email, Phone, BirthDate, Balance, CreditLimit, LastSeen)
VALUES (N'Ada Lovelace', N'ada@example.org', N'+44 20 7946 0000', '1815-12-10', 120.5000, 1000, '2024-03-01T10:00:00+01:00'),
       (N'Alan Turing', N'alan@example.org', NULL, '1912-06-23', 0, NULL, NULL);
INSERT INTO crm.Orders (CustomerId, OrderedAt, Status, Amount, ShippedAt)
VALUES (1, '2024-03-01T10:05:00', 'shipped', 99.90, '2024-03-02T08:00:00'),
       (1, '2024-03-05T12:00:00', 'open', 15.00, NULL),
       (2, '2024-03-06T09:30:00', 'open', 42.00, NULL);
INSERT INTO crm.OrderFacts (OrderId, Day, Amount) SELECT OrderId, CAST(OrderedAt AS date), Amount FROM crm.Orders;
INSERT INTO crm.Contracts (ContractId, CustomerId, Terms) VALUES (1, 1, N'Standard terms');
GO
