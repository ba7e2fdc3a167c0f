import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginBody {
  @ApiProperty({ example: 'demo-national' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'demo-national-pass' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}
