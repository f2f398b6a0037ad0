"""My work (Mitt arbete): everything a person answers for, across plans and organisations."""
