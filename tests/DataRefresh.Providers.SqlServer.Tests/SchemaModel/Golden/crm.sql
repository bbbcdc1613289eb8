-- pre-data: schema crm
CREATE SCHEMA [crm];
GO
-- pre-data: schema audit
CREATE SCHEMA [audit];
GO
-- pre-data: type crm.Phone
CREATE TYPE [crm].[Phone] FROM nvarchar(20) NULL;
GO
-- pre-data: table type crm.CustomerList
CREATE TYPE [crm].[CustomerList] AS TABLE (
    [CustomerId] int NOT NULL,
    [Note] nvarchar(100) NULL,
    PRIMARY KEY ([CustomerId])
);
GO
-- pre-data: sequence crm.InvoiceNumbers
CREATE SEQUENCE [crm].[InvoiceNumbers] AS bigint START WITH 1000 INCREMENT BY 1 MINVALUE 1000 MAXVALUE 9999999999 NO CYCLE CACHE 50;
GO
-- pre-data: function crm.NormalizeEmail
CREATE FUNCTION crm.NormalizeEmail (@email nvarchar(320))
RETURNS nvarchar(320)
WITH SCHEMABINDING
AS
BEGIN
    RETURN LOWER(LTRIM(RTRIM(@email)));
END
GO
-- pre-data: table crm.Customers
CREATE TABLE [crm].[Customers] (
    [CustomerId] int IDENTITY(1, 1) NOT NULL,
    [ExternalId] uniqueidentifier NOT NULL CONSTRAINT [DF_Customers_ExternalId] DEFAULT (newid()),
    [FullName] nvarchar(200) COLLATE Latin1_General_100_CI_AS NOT NULL,
    [Email] nvarchar(320) NOT NULL,
    [EmailKey] AS ([crm].[NormalizeEmail]([Email])) PERSISTED,
    [Phone] [crm].[Phone] NULL,
    [BirthDate] date NULL,
    [Balance] decimal(38, 4) NOT NULL CONSTRAINT [DF_Customers_Balance] DEFAULT ((0)),
    [CreditLimit] money NULL,
    [Fax] varchar(30) SPARSE NULL,
    [LastSeen] datetimeoffset(7) NULL,
    [Photo] varbinary(max) NULL,
    [RowVersion] rowversion NOT NULL
);
GO
-- pre-data: table crm.Orders
CREATE TABLE [crm].[Orders] (
    [OrderId] bigint IDENTITY(1, 1) NOT NULL,
    [CustomerId] int NOT NULL,
    [InvoiceNumber] bigint NOT NULL CONSTRAINT [DF_Orders_InvoiceNumber] DEFAULT (NEXT VALUE FOR [crm].[InvoiceNumbers]),
    [OrderedAt] datetime2(3) NOT NULL,
    [Status] varchar(10) NOT NULL,
    [Amount] decimal(12, 2) NOT NULL,
    [ShippedAt] datetime2(3) NULL
);
GO
-- pre-data: table crm.OrderFacts
CREATE TABLE [crm].[OrderFacts] (
    [OrderId] bigint NOT NULL,
    [Day] date NOT NULL,
    [Amount] decimal(12, 2) NOT NULL
);
GO
-- pre-data: table crm.ContractsHistory
CREATE TABLE [crm].[ContractsHistory] (
    [ContractId] int NOT NULL,
    [CustomerId] int NOT NULL,
    [Terms] nvarchar(max) NULL,
    [ValidFrom] datetime2(7) NOT NULL,
    [ValidTo] datetime2(7) NOT NULL
);
GO
-- pre-data: table crm.Contracts
CREATE TABLE [crm].[Contracts] (
    [ContractId] int NOT NULL,
    [CustomerId] int NOT NULL,
    [Terms] nvarchar(max) NULL,
    [ValidFrom] datetime2(7) NOT NULL,
    [ValidTo] datetime2(7) NOT NULL
);
GO
-- table crm.Customers: primary key PK_Customers
ALTER TABLE [crm].[Customers] ADD CONSTRAINT [PK_Customers] PRIMARY KEY CLUSTERED ([CustomerId]);
GO
-- table crm.Customers: unique constraint UQ_Customers_ExternalId
ALTER TABLE [crm].[Customers] ADD CONSTRAINT [UQ_Customers_ExternalId] UNIQUE NONCLUSTERED ([ExternalId]);
GO
-- table crm.Customers: index IX_Customers_EmailKey
CREATE UNIQUE NONCLUSTERED INDEX [IX_Customers_EmailKey] ON [crm].[Customers] ([EmailKey]) INCLUDE ([FullName]);
GO
-- table crm.Customers: check CK_Customers_Balance
ALTER TABLE [crm].[Customers] WITH CHECK ADD CONSTRAINT [CK_Customers_Balance] CHECK ([Balance]>=(0));
GO
-- table crm.Orders: primary key PK_Orders
ALTER TABLE [crm].[Orders] ADD CONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([OrderId]);
GO
-- table crm.Orders: index IX_Orders_Open
CREATE NONCLUSTERED INDEX [IX_Orders_Open] ON [crm].[Orders] ([CustomerId], [OrderedAt] DESC) INCLUDE ([Amount]) WHERE ([ShippedAt] IS NULL);
GO
-- table crm.Orders: check CK_Orders_Status
ALTER TABLE [crm].[Orders] WITH CHECK ADD CONSTRAINT [CK_Orders_Status] CHECK ([Status]='cancelled' OR [Status]='shipped' OR [Status]='open');
GO
-- table crm.Orders: trigger crm.Orders_NoDeleteShipped
CREATE TRIGGER crm.Orders_NoDeleteShipped ON crm.Orders AFTER DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted WHERE ShippedAt IS NOT NULL)
        THROW 50001, N'Shipped orders are kept.', 1;
END
GO
-- table crm.OrderFacts: index CCI_OrderFacts
CREATE CLUSTERED COLUMNSTORE INDEX [CCI_OrderFacts] ON [crm].[OrderFacts];
GO
-- table crm.Contracts: primary key PK_Contracts
ALTER TABLE [crm].[Contracts] ADD CONSTRAINT [PK_Contracts] PRIMARY KEY CLUSTERED ([ContractId]);
GO
-- post-data: foreign key FK_Orders_Customers
ALTER TABLE [crm].[Orders] WITH CHECK ADD CONSTRAINT [FK_Orders_Customers] FOREIGN KEY ([CustomerId]) REFERENCES [crm].[Customers] ([CustomerId]) ON DELETE CASCADE ON UPDATE NO ACTION;
GO
-- post-data: foreign key FK_Contracts_Customers
ALTER TABLE [crm].[Contracts] WITH CHECK ADD CONSTRAINT [FK_Contracts_Customers] FOREIGN KEY ([CustomerId]) REFERENCES [crm].[Customers] ([CustomerId]) ON DELETE NO ACTION ON UPDATE NO ACTION;
GO
-- post-data: system versioning of crm.Contracts
ALTER TABLE [crm].[Contracts] ADD PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo]);
ALTER TABLE [crm].[Contracts] ALTER COLUMN [ValidFrom] ADD HIDDEN;
ALTER TABLE [crm].[Contracts] ALTER COLUMN [ValidTo] ADD HIDDEN;
ALTER TABLE [crm].[Contracts] SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [crm].[ContractsHistory], DATA_CONSISTENCY_CHECK = ON));
GO
-- post-data: view crm.ActiveCustomers
CREATE VIEW crm.ActiveCustomers
AS
SELECT c.CustomerId, c.FullName, c.Email
FROM crm.Customers AS c
WHERE EXISTS (SELECT 1 FROM crm.Orders AS o WHERE o.CustomerId = c.CustomerId AND o.ShippedAt IS NULL);
GO
-- post-data: view crm.ActiveCustomerCount
CREATE VIEW crm.ActiveCustomerCount
AS
SELECT COUNT(*) AS Customers FROM crm.ActiveCustomers;
GO
-- post-data: procedure audit.CountActive
CREATE PROCEDURE audit.CountActive
AS
SELECT Customers FROM crm.ActiveCustomerCount;
GO
-- post-data: synonym crm.Clients
CREATE SYNONYM [crm].[Clients] FOR [crm].[Customers];
GO
-- post-data: extended property MS_Description on crm.Customers.Email
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Where invoices are sent; personal data.', @level0type = N'SCHEMA', @level0name = N'crm', @level1type = N'TABLE', @level1name = N'Customers', @level2type = N'COLUMN', @level2name = N'Email';
GO
